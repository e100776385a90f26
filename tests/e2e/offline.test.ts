import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { installFakeSpeech } from './fake-speech';
import { finishSession } from './practice-solver';
import { startServer } from './server';

test('after one visit the app works with the server stopped, and progress is still there', async ({ browser }) => {
	const server = await startServer();
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await installFakeSpeech(context);
	const page = await context.newPage();
	await page.goto(server.url + '/');
	await page.locator('button[data-lang="nb"]').click();
	await page.getByRole('button', { name: 'Start med det viktigste' }).click();
	// The service worker has precached the shell, packs and languages.
	await page.evaluate(() => navigator.serviceWorker.ready);
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

	await page.getByRole('link', { name: 'Øv nå' }).click();
	await finishSession(page);
	await page.getByRole('link', { name: 'Til I dag' }).click();
	await expect(page.getByRole('heading', { name: 'I dag', exact: true })).toBeVisible();
	await expect(page.locator('main ul').first()).toContainText('startet');
	const progressText = await page.locator('main ul').first().innerText();
	expect(progressText).toMatch(/[1-9]\d* av \d+ startet/);

	await server.stop();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'I dag', exact: true })).toBeVisible();
	await expect(page.locator('main ul').first()).toHaveText(progressText);

	// A set page never prerendered for this address still opens from the cached shell.
	await page.goto(server.url + '/sets/asking');
	await expect(page.getByRole('button', { name: 'Slutt å lære dette' })).toBeVisible();

	// A working-life guide reads offline too.
	await page.goto(server.url + '/guides/holidays');
	await expect(page.locator('main article').first()).toContainText('ferie');

	// Practice more, offline: new items are still there to learn.
	await page.goto(server.url + '/practice');
	await expect(page.locator('main[data-phase]')).toHaveAttribute('data-phase', /intro|answer|empty/);
	await context.close();
});

test('Chromium finds the app installable', async () => {
	const server = await startServer();
	const profile = mkdtempSync(join(tmpdir(), 'an-profile-'));
	// Incognito contexts are never installable, so this uses a persistent profile.
	const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
	const page = await context.newPage();
	await page.goto(server.url + '/');
	await page.evaluate(() => navigator.serviceWorker.ready);
	const cdp = await context.newCDPSession(page);
	const manifest = await cdp.send('Page.getAppManifest');
	expect(manifest.errors).toEqual([]);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	expect(installabilityErrors).toEqual([]);
	await context.close();
	await server.stop();
});
