// `npm test`: everything a change must pass, in the order that fails fastest.
import { execSync } from 'node:child_process';

const steps = [
	['browser', 'node scripts/ensure-browser.mjs'],
	['content', 'npx tsx scripts/build-content.ts'],
	['types', 'npx svelte-kit sync && npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings'],
	['unit', 'npx vitest run'],
	['build', 'npx vite build'],
	['e2e', 'npx playwright test']
];

for (const [name, command] of steps) {
	console.log(`\n▶ ${name}: ${command}`);
	try {
		execSync(command, { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
	} catch {
		console.error(`\n✖ npm test failed at step "${name}".`);
		process.exit(1);
	}
}
console.log('\n✔ all checks passed');
