/**
 * Checks that the build scales out: two `node build` processes on one PostgreSQL behave as one.
 *
 *   npx tsx scripts/scale-out.ts [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--phones 100] [--seconds 15]
 *
 * 1. makes a scratch database on that PostgreSQL server (never touching the one in the URL),
 * 2. starts two processes on two ports against it, at the same moment (migrations and the demo
 *    seed must not race),
 * 3. runs the load test on both at once (half the phones on each) and counts every event once,
 * 4. runs tests/e2e/scale-out.test.ts against both (a phone on A and its teacher on B, sessions,
 *    logout, grants and revokes, rate limits and the same push to both at once),
 * 5. stops both and drops the database.
 *
 * Needs a build (`npm run build`). Exit code 0 when everything held.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer, type RunningServer } from '../tests/e2e/server';
import { describeLoad, runLoad } from './load-test';
import { createScratchDatabase } from './scratch-postgres';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
	options: {
		postgres: { type: 'string', default: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
		phones: { type: 'string', default: '100' },
		seconds: { type: 'string', default: '15' }
	}
});

const scratch = await createScratchDatabase(values.postgres!, 'an_scale');
console.log(`scratch database ${scratch.name}`);
let servers: RunningServer[] = [];
let ok = true;
try {
	servers = await Promise.all([startServer({ databaseUrl: scratch.url }), startServer({ databaseUrl: scratch.url })]);
	const [a, b] = servers.map((s) => s.url) as [string, string];
	console.log(`two processes: ${a} and ${b}`);

	const phones = Number(values.phones);
	const half = Math.ceil(phones / 2);
	console.log(`load: ${half} phones on each process at once, ${values.seconds} s`);
	const results = await Promise.all(
		[a, b].map((url, i) => runLoad({ url, phones: i ? phones - half : half, seconds: Number(values.seconds), seed: 11 + i }))
	);
	for (const [i, r] of results.entries()) {
		console.log(`\n${i ? 'B' : 'A'}: ${describeLoad(r)}`);
		if (r.errors || !r.exactlyOnce) ok = false;
	}

	// Last: its final test uses up this address's wrong-code allowance, and joining would be refused.
	console.log('');
	try {
		execFileSync('npx', ['playwright', 'test', 'tests/e2e/scale-out.test.ts', '--reporter=list'], { cwd: root, stdio: 'inherit', env: { ...process.env, SCALE_OUT_URLS: `${a},${b}` } });
	} catch {
		ok = false;
	}
} finally {
	await Promise.all(servers.map((s) => s.stop()));
	await scratch.drop();
}
console.log(ok ? '\n✔ two processes on one PostgreSQL behaved as one' : '\n✖ scale-out check failed');
process.exit(ok ? 0 : 1);
