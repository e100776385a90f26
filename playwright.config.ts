import { defineConfig, devices } from '@playwright/test';

/** Debian's Chromium, with the flags this closed network needs (see shared/research). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--use-fake-ui-for-media-stream',
	'--use-fake-device-for-media-stream'
];
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/artifacts',
	fullyParallel: false,
	workers: 1,
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	reporter: [['list']],
	use: {
		...devices['Pixel 7'],
		viewport: { width: 390, height: 844 },
		browserName: 'chromium',
		launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
		serviceWorkers: 'allow',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	}
});
