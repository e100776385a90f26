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

async function connect(page: Page, code: string, pin?: string) {
	await page.locator('nav a[href="/me"]').click();
	await page.getByLabel('Kode', { exact: true }).fill(code);
	await page.getByLabel('Fornavnet ditt').fill('Amina');
	await page.getByRole('button', { name: 'Koble til' }).click();
	if (pin) {
		// The account has a PIN: the new phone must give it, and a wrong one is refused.
		await expect(page.getByRole('alert')).toContainText('Du har en PIN-kode');
		await page.getByLabel('PIN-koden din').fill('0000');
		await page.getByRole('button', { name: 'Koble til' }).click();
		await expect(page.getByRole('alert')).toContainText('Feil PIN-kode');
		await page.getByLabel('PIN-koden din').fill(pin);
		await page.getByRole('button', { name: 'Koble til' }).click();
	}
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
}

async function unlock(page: Page, pin: string) {
	await expect(page.getByTestId('lock-screen')).toBeVisible();
	for (const digit of pin) await page.getByRole('button', { name: digit, exact: true }).click();
	await page.getByRole('button', { name: 'Åpne' }).click();
	await expect(page.getByTestId('lock-screen')).toBeHidden();
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

	// The participant locks the app with a PIN (a shared phone); it also guards the move.
	await a.getByRole('button', { name: 'Velg en PIN-kode' }).click();
	await a.getByLabel('Ny PIN-kode').fill('2468');
	await a.getByLabel('Skriv den nye PIN-koden igjen').fill('2468');
	await a.getByRole('button', { name: 'Lagre PIN-kode' }).click();
	await expect(a.getByRole('status').filter({ hasText: 'PIN-koden er lagret' })).toBeVisible();
	await a.reload();
	await expect(a.getByTestId('lock-screen')).toBeVisible();
	for (const digit of '1357') await a.getByRole('button', { name: digit, exact: true }).click();
	await a.getByRole('button', { name: 'Åpne' }).click();
	await expect(a.getByRole('alert')).toContainText('Feil PIN-kode');
	await unlock(a, '2468');

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
	await connect(b, code, '2468');
	await expect.poll(() => reviewCount(b)).toBe(answered);
	// The new phone is locked with the same PIN.
	await b.reload();
	await unlock(b, '2468');
	await b.locator('nav a[href="/"]').click();
	await expect(b.locator('main ul').first()).toContainText(/[1-9]\d* av \d+ startet/);

	// The code worked once; it does not work again.
	const third = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const c = await third.newPage();
	await chooseLanguage(c, url, 'nb');
	await c.locator('nav a[href="/me"]').click();
	await c.getByLabel('Kode', { exact: true }).fill(code);
	await c.getByLabel('Fornavnet ditt').fill('Noen');
	await c.getByRole('button', { name: 'Koble til' }).click();
	await expect(c.getByRole('alert')).toContainText('Koden virker ikke');
});
