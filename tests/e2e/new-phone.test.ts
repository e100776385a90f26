import { expect, test, type Page } from '@playwright/test';
import { installFakeSpeech } from './fake-speech';
import { finishSession } from './practice-solver';
import { chooseLanguage, useServer } from './harness';

const server = useServer({ speech: false });

async function reviewCount(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const open = indexedDB.open('arbeidsnorsk');
				open.onsuccess = () => {
					const req = open.result.transaction('reviews').objectStore('reviews').count();
					req.onsuccess = () => resolve(req.result);
				};
			})
	);
}

async function connect(page: Page, code: string) {
	await page.locator('nav a[href="/me"]').click();
	await page.getByLabel('Kode').fill(code);
	await page.getByLabel('Fornavnet ditt').fill('Amina');
	await page.getByRole('button', { name: 'Koble til' }).click();
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
}

test('a new phone takes over the history with a one-time code from the teacher', async ({ browser }) => {
	test.setTimeout(120_000);
	const url = server().url;
	// The old phone: joins, practises, everything sent.
	const oldPhone = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await installFakeSpeech(oldPhone);
	const a = await oldPhone.newPage();
	await chooseLanguage(a, url, 'nb');
	await a.getByRole('button', { name: 'Start med det viktigste' }).click();
	await connect(a, 'DEMO24');
	await a.locator('nav a[href="/"]').click();
	await a.getByRole('link', { name: 'Øv nå' }).click();
	await finishSession(a);
	await a.getByRole('link', { name: 'Til I dag' }).click();
	await a.locator('nav a[href="/me"]').click();
	await expect(a.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
	await expect(a.getByTestId('sync-status')).not.toContainText('venter');
	const answered = await reviewCount(a);
	expect(answered).toBeGreaterThan(5);

	// The teacher makes a code for the new phone.
	const staff = await browser.newContext();
	const t = await staff.newPage();
	await t.goto(url + '/login');
	await t.getByLabel('E-post').fill('larer@demo.no');
	await t.getByLabel('Passord').fill('demo-passord-2026');
	await t.getByRole('button', { name: 'Logg inn' }).click();
	await t.getByRole('link', { name: 'Amina' }).click();
	await t.getByRole('button', { name: 'Lag kode for ny telefon' }).click();
	const code = (await t.getByTestId('transfer-code').innerText()).trim();
	expect(code).toMatch(/^[A-Z2-9]{8}$/);

	// The new phone: the code brings the whole history and the sets being learnt.
	const newPhone = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await installFakeSpeech(newPhone);
	const b = await newPhone.newPage();
	await chooseLanguage(b, url, 'nb');
	await connect(b, code);
	await expect.poll(() => reviewCount(b)).toBe(answered);
	await b.locator('nav a[href="/"]').click();
	await expect(b.locator('main ul').first()).toContainText(/[1-9]\d* av \d+ startet/);

	// The code worked once; it does not work again.
	const third = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const c = await third.newPage();
	await chooseLanguage(c, url, 'nb');
	await c.locator('nav a[href="/me"]').click();
	await c.getByLabel('Kode').fill(code);
	await c.getByLabel('Fornavnet ditt').fill('Noen');
	await c.getByRole('button', { name: 'Koble til' }).click();
	await expect(c.getByRole('alert')).toContainText('Koden virker ikke');
});
