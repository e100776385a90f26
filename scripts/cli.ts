import { BackupError } from '../src/lib/server/db/backup';

/** Runs a command-line script: its exit code, or its own error's message (no stack) and 1. */
export function runCli(main: () => Promise<number>): void {
	main().then(
		(code) => process.exit(code),
		(e) => {
			if (e instanceof BackupError) {
				console.error(e.message);
				process.exit(1);
			}
			throw e;
		}
	);
}
