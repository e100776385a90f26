import { expect, test } from '@playwright/test';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { installFakeSpeech } from './fake-speech';
import { startServer } from './server';

test('when a new version is deployed the learner is asked to update instead of staying stale', async ({ page, context }) => {
	await installFakeSpeech(context);
	// Inside the project, so that the copy finds the runtime packages in node_modules.
	const root = join(import.meta.dirname, '..', '..');
	mkdirSync(join(root, 'test-results'), { recursive: true });
	const dir = mkdtempSync(join(root, 'test-results', 'deploy-'));
	const build = join(dir, 'build');
	cpSync(join(root, 'build'), build, { recursive: true });
	let server = await startServer({ buildDir: build });
	const port = server.port;

	await page.goto(server.url + '/');
	await page.locator('button[data-lang="nb"]').click();
	await page.evaluate(() => navigator.serviceWorker.ready);
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	await expect(page.getByText('Ny versjon er klar.')).toHaveCount(0);

	// Deploy "version 2": a different service worker at the same address.
	await server.stop();
	const sw = join(build, 'client', 'service-worker.js');
	appendFileSync(sw, '\n// version 2\n');
	rmSync(sw + '.br');
	rmSync(sw + '.gz');
	server = await startServer({ buildDir: build, port });

	await page.reload();
	const prompt = page.getByRole('status').filter({ hasText: 'Ny versjon er klar.' });
	await expect(prompt).toBeVisible({ timeout: 15_000 });
	await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Oppdater' }).click()]);
	await expect(page.getByRole('heading', { name: 'I dag', exact: true })).toBeVisible();
	await expect(page.getByText('Ny versjon er klar.')).toHaveCount(0);
	expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();

	await server.stop();
	rmSync(dir, { recursive: true, force: true });
});
