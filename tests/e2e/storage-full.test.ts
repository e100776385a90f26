import { expect, test } from '@playwright/test';
import { installFakeSpeech } from './fake-speech';
import { answerCurrent } from './practice-solver';
import { startServer, type RunningServer } from './server';

/**
 * A full phone, in a real browser. Chromium's quota override (DevTools protocol) does not reach a
 * database that is already open, and a learner's phone fills up while the app is open, so the
 * page's IndexedDB writes are made to fail the way a full disk makes them fail: put and add throw
 * QuotaExceededError while `window.__diskFull` is set. Everything else is the real app and
 * real IndexedDB. (tests/unit/local/progress.test.ts checks the store itself: nothing half-written.)
 */
let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

const countReviews = () =>
	new Promise<number>((resolve, reject) => {
		const open = indexedDB.open('arbeidsnorsk');
		open.onerror = () => reject(open.error);
		open.onsuccess = () => {
			const req = open.result.transaction('reviews').objectStore('reviews').count();
			req.onsuccess = () => {
				open.result.close();
				resolve(req.result);
			};
		};
	});

test('the phone runs out of storage mid-practice: the learner is told, the answer is kept on screen, and saved once there is room', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await installFakeSpeech(context);
	await context.addInitScript(() => {
		const w = window as unknown as { __diskFull: boolean };
		w.__diskFull = false;
		for (const method of ['put', 'add'] as const) {
			const real = IDBObjectStore.prototype[method];
			IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<typeof real>) {
				if (w.__diskFull) throw new DOMException('The disk is full', 'QuotaExceededError');
				return real.apply(this, args);
			} as typeof real;
		}
	});
	const page = await context.newPage();
	await page.goto(server.url + '/');
	await page.locator('button[data-lang="nb"]').click();
	await page.getByRole('button', { name: 'Start med det viktigste' }).click();
	await page.getByRole('link', { name: 'Øv nå' }).click();
	await expect(page.locator('main[data-phase]')).not.toHaveAttribute('data-phase', 'loading');

	await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = true));
	await answerCurrent(page);
	const alert = page.getByRole('alert').filter({ hasText: 'Svaret ble ikke lagret' });
	await expect(alert).toBeVisible();
	await expect(alert).toContainText('ledig plass');
	const next = page.getByTestId('feedback').getByRole('button', { name: 'Fortsett' });
	await expect(next).toBeDisabled();
	expect(await page.evaluate(countReviews)).toBe(0);

	// Still full: trying again fails again, and says so.
	await alert.getByRole('button', { name: 'Prøv å lagre igjen' }).click();
	await expect(alert).toBeVisible();
	expect(await page.evaluate(countReviews)).toBe(0);

	// Room again (the learner deleted something): the same answer is saved, once.
	await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = false));
	await alert.getByRole('button', { name: 'Prøv å lagre igjen' }).click();
	await expect(alert).toBeHidden();
	await expect(next).toBeEnabled();
	expect(await page.evaluate(countReviews)).toBe(1);
	await next.click();
	await expect(page.locator('main[data-phase]')).not.toHaveAttribute('data-phase', 'feedback');
	await context.close();
});
