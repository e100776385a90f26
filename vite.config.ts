import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173 },
	preview: { port: 4173 },
	build: { target: 'es2022' },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts', 'src/**/*.test.ts'],
		testTimeout: 30_000,
		environment: 'node',
		setupFiles: ['tests/unit/setup.ts'],
		expect: { requireAssertions: true }
	}
});
