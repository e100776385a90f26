import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173 },
	preview: { port: 4173 },
	build: {
		target: 'es2022',
		// UI strings are fetched as JSON files (see i18n.svelte.ts): never inline them as data: URLs,
		// which the CSP's connect-src would refuse.
		assetsInlineLimit: (file) => (file.endsWith('.json') ? false : undefined)
	},
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts', 'src/**/*.test.ts'],
		testTimeout: 30_000,
		// A fresh embedded database takes seconds to create on a busy 2-core machine.
		hookTimeout: 60_000,
		environment: 'node',
		setupFiles: ['tests/unit/setup.ts'],
		expect: { requireAssertions: true }
	}
});
