import { join } from 'node:path';
import { build } from 'vite';

/**
 * The app's real local-store code (Dexie database, recordReview, recordRemoteReviews) bundled for
 * the browser, to run against real IndexedDB in tests and benchmarks. Pages must allow it:
 * a context with `bypassCSP`, or a page without the app's CSP (e.g. the web manifest).
 */
export async function localStoreBundle(): Promise<string> {
	const bundle = await build({
		configFile: false,
		logLevel: 'silent',
		build: { write: false, lib: { entry: join(import.meta.dirname, 'local-store-entry.ts'), formats: ['es'], fileName: 'local-store' }, minify: true }
	});
	const output = (Array.isArray(bundle) ? bundle[0]! : bundle) as { output: { code?: string }[] };
	return output.output[0]!.code!;
}
