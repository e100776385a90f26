import pg from 'pg';

/**
 * Throwaway PostgreSQL databases for benchmarks and the scale-out check: made on the server named
 * by `serverUrl` (its own database is never written to) and dropped afterwards.
 */
export interface ScratchDatabase {
	url: string;
	name: string;
	drop(): Promise<void>;
}

export async function postgresAnswers(serverUrl: string): Promise<boolean> {
	const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
	try {
		await client.connect();
		await client.end();
		return true;
	} catch {
		return false;
	}
}

export async function createScratchDatabase(serverUrl: string, prefix = 'an_bench'): Promise<ScratchDatabase> {
	const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		name,
		drop: async () => {
			const client = new pg.Client({ connectionString: serverUrl });
			await client.connect();
			try {
				await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			} finally {
				await client.end();
			}
		}
	};
}
