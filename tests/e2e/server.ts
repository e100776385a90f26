import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
	url: string;
	port: number;
	databaseUrl: string;
	stop(): Promise<void>;
	/** SIGKILL: no shutdown, no cleanup, as when a machine loses power. */
	kill(): Promise<void>;
	/** What the server printed so far (its errors, for a test that reports a 5xx). */
	output(): string;
}

const root = join(import.meta.dirname, '..', '..');

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

/**
 * Starts the production build (`node build`) on a free port. Tests own the process, so they
 * can stop it to prove the app works with no server at all.
 */
export async function startServer(options: { buildDir?: string; port?: number; databaseUrl?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
	const port = options.port ?? (await freePort());
	// Each server gets its own empty embedded database (seeded with the demo accounts) unless told otherwise.
	const databaseUrl = options.databaseUrl ?? join(mkdtempSync(join(tmpdir(), 'an-e2e-db-')), 'pglite');
	const url = `http://localhost:${port}`;
	const child: ChildProcess = spawn(process.execPath, [options.buildDir ?? join(root, 'build')], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: url, DATABASE_URL: databaseUrl, ...options.env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	// Migrating and seeding a new embedded database takes seconds; on a busy 2-core machine, more.
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
		try {
			if ((await fetch(url + '/manifest.webmanifest')).ok) break;
		} catch {
			/* not up yet */
		}
		if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	const signal = (name: NodeJS.Signals) =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill(name);
		});
	return {
		url,
		port,
		databaseUrl,
		stop: () => signal('SIGTERM'),
		kill: () => signal('SIGKILL'),
		output: () => output
	};
}
