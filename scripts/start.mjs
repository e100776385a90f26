// `npm start` on a fresh machine: install what is missing, build when sources changed, serve.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const run = (command) => execSync(command, { cwd: root, stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });

function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

if (!existsSync(join(root, 'node_modules', '.package-lock.json')) || newest(join(root, 'package-lock.json')) > newest(join(root, 'node_modules', '.package-lock.json'))) {
	console.log('Installing dependencies…');
	run('npm install --no-audit --no-fund');
}

const sources = ['src', 'content', 'locales', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
const built = newest(join(root, 'build', 'index.js'));
if (!built || Math.max(...sources.map((s) => newest(join(root, s)))) > built) {
	console.log('Building…');
	run('npm run build');
}

const port = process.env.PORT ?? '3000';
const origin = process.env.ORIGIN ?? `http://localhost:${port}`;
console.log(`\nArbeidsnorsk is running at ${origin}\n(Ctrl+C to stop)`);
const server = spawn(process.execPath, [join(root, 'build')], {
	cwd: root,
	stdio: 'inherit',
	env: { ...process.env, PORT: port, ORIGIN: origin }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
