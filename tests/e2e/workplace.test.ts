import { expect, test, type Browser, type Page } from '@playwright/test';
import { installFakeSpeech, spokenTexts } from './fake-speech';
import { allItems, finishSession } from './practice-solver';
import { chooseLanguage, useServer } from './harness';
import type { PhraseItem } from '../../src/lib/content/schema';

const server = useServer({ speech: false });
const PASSWORD = 'demo-passord-2026';

async function login(browser: Browser, email: string, password = PASSWORD): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await installFakeSpeech(context);
	const page = await context.newPage();
	await page.goto(server().url + '/login');
	await page.getByLabel('E-post').fill(email);
	await page.getByLabel('Passord').fill(password);
	await page.getByRole('button', { name: 'Logg inn' }).click();
	return page;
}

async function join(p: Page, code: string) {
	await p.locator('nav a[href="/me"]').click();
	await p.getByLabel('Kode', { exact: true }).fill(code);
	if (await p.getByLabel('Fornavnet ditt').isVisible()) await p.getByLabel('Fornavnet ditt').fill('Amina');
	await p.getByRole('button', { name: 'Koble til' }).click();
	await expect(p.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
}

async function sync(p: Page) {
	await p.locator('nav a[href="/me"]').click();
	await p.getByRole('button', { name: 'Send nå' }).click();
	await expect(p.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
}

async function invite(s: Page, name: string, email: string): Promise<string> {
	await s.getByLabel('Navn', { exact: true }).fill(name);
	await s.getByLabel('E-post').fill(email);
	await s.getByRole('button', { name: 'Inviter' }).click();
	return (await s.getByTestId('invite-link').innerText()).trim();
}

async function acceptInvite(browser: Browser, link: string, password: string): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await installFakeSpeech(context);
	const f = await context.newPage();
	await f.goto(link);
	await f.getByLabel('Passord (minst 10 tegn)').fill(password);
	await f.getByLabel('Skriv passordet igjen').fill(password);
	await f.getByRole('button', { name: 'Lagre og fortsett' }).click();
	await expect(f).toHaveURL(/\/workplace$/);
	return f;
}

test('a job specialist sets up a workplace; the fadder sees words only once shared and suggests one; the teacher approves it; the participant practises it', async ({ browser }) => {
	test.setTimeout(240_000);
	const url = server().url;

	// The participant: in the demo teacher's group and in the job specialist's caseload.
	const s = await login(browser, 'jobb@demo.no');
	await s.getByRole('button', { name: 'Lag ny kode' }).click();
	const caseloadCode = (await s.getByTestId('new-code').innerText()).trim();
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await installFakeSpeech(phone);
	const p = await phone.newPage();
	await chooseLanguage(p, url, 'nb');
	await p.getByRole('button', { name: 'Start med det viktigste' }).click();
	await join(p, 'DEMO24');
	await p.getByLabel('Kode', { exact: true }).waitFor({ state: 'detached' });

	// A second code on a joined phone: the account is the same, now also in the caseload.
	await p.evaluate(async (code) => {
		await fetch('/api/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'Amina' }) });
	}, caseloadCode);

	// The workplace, its card, the placement, a set for her job, and an invited fadder.
	await s.goto(url + '/teach/workplaces');
	await s.getByLabel('Navn').fill('Rema 1000 Storo');
	await s.getByRole('button', { name: 'Lag arbeidsplassen' }).click();
	await expect(s.getByRole('heading', { level: 1, name: 'Rema 1000 Storo' })).toBeVisible();
	const workplaceUrl = s.url();
	await s.getByLabel('Adresse og veien dit').fill('Vitaminveien 1. Ta buss 31 til Storo.');
	await s.getByLabel('Når du begynner').fill('Klokka sju. Møt opp ved varemottaket.');
	await s.getByLabel('Kontaktperson eller fadder').fill('Ola Fadder');
	await s.getByLabel('Telefon til kontaktpersonen').fill('912 34 567');
	await s.getByLabel(/Hvis du er syk/).fill('Ring Ola før klokka sju.');
	await s.getByLabel('Verneutstyr').fill('Vernesko og refleksvest.');
	await s.getByRole('button', { name: 'Lagre kortet' }).click();
	await expect(s.getByRole('status')).toContainText('Kortet er lagret');
	await s.getByRole('combobox', { name: 'Plasser en deltaker' }).selectOption({ label: 'Amina' });
	// She started eight days ago: the one-week check-in is due.
	await s.getByLabel('Første arbeidsdag').fill(new Date(Date.now() - 8 * 86_400_000).toISOString().slice(0, 10));
	await s.getByRole('button', { name: 'Plasser' }).click();
	await expect(s.getByRole('status')).toContainText('plassert');
	await expect(s.locator('.plan')).toContainText('Etter én uke');
	const fadderLink = await invite(s, 'Ola Fadder', 'ola@rema.example');
	const aminaId = await s.getByRole('link', { name: 'Amina' }).getAttribute('href');
	await s.goto(url + aminaId!);
	await s.getByText('Gi et sett bare til denne deltakeren').click();
	await s.getByRole('combobox', { name: 'Sett', exact: true }).selectOption('warehouse');
	await s.getByLabel(/Frist/).fill('2026-12-01');
	await s.getByRole('button', { name: 'Gi settet' }).click();
	await expect(s.getByRole('status')).toContainText('Settet er gitt');

	// The fadder sets a password and sees nothing until Amina shares "sets being trained".
	const f = await acceptInvite(browser, fadderLink, 'fadder-passord-1');
	await expect(f.getByTestId('nothing-shared')).toBeVisible();
	await expect(f.getByRole('link', { name: /Ring jobbspesialisten/ })).toHaveAttribute('href', 'tel:+4740000000');
	await sync(p);
	await p.locator('[data-share="workplace-sets"]').click();
	await expect(p.locator('[data-share="workplace-sets"]')).toHaveAttribute('aria-pressed', 'true');
	await f.reload();
	const words = f.getByTestId('words');
	await expect(words).toContainText('Amina');
	await expect(words).toContainText('Lager og logistikk');
	await words.getByRole('button', { name: /en pall/ }).click();
	await expect.poll(() => spokenTexts(f)).toContain('en pall');
	await expect(words).not.toContainText(/av \d+|ganger glemt|opptak/);

	// … and suggests a word they use here, with a photo.
	await f.getByLabel('Ordet slik dere sier det').fill('kjølerommet');
	await f.getByLabel('Eksempel (valgfritt)').fill('Sett melka i kjølerommet.');
	const photo = await f.screenshot({ clip: { x: 0, y: 0, width: 40, height: 40 } });
	await f.locator('input[type="file"]').setInputFiles({ name: 'kjolerom.png', mimeType: 'image/png', buffer: photo });
	await expect(f.locator('img.preview')).toBeVisible();
	await f.getByRole('button', { name: 'Send forslaget' }).click();
	await expect(f.getByRole('status')).toContainText('Takk');

	// The teacher approves it into the workplace's own set.
	const t = await login(browser, 'larer@demo.no');
	await t.goto(url + '/teach/suggestions');
	const suggestion = t.getByTestId('suggestion').filter({ hasText: 'kjølerommet' });
	await expect(suggestion.locator('img')).toBeVisible();
	await suggestion.getByRole('button', { name: 'Godkjenn' }).click();
	await expect(t.getByRole('status')).toContainText('Godkjent');

	// Amina's phone gets the set and the card on sync; she practises the new word.
	await sync(p);
	await p.locator('nav a[href="/"]').click();
	await expect(p.getByTestId('assignments')).toContainText('Ord vi bruker her – Rema 1000 Storo');
	allItems.push({ id: 'workplace.kjolerommet', nb: 'kjølerommet', translations: {} } as unknown as PhraseItem);
	await p.getByRole('link', { name: 'Øv nå' }).click();
	await finishSession(p);
	const practised = await p.evaluate(
		() =>
			new Promise<string[]>((resolve) => {
				const open = indexedDB.open('arbeidsnorsk');
				open.onsuccess = () => {
					const req = open.result.transaction('reviews').objectStore('reviews').getAll();
					req.onsuccess = () => resolve((req.result as { itemId: string }[]).map((r) => r.itemId));
				};
			})
	);
	expect(practised.some((id) => id.endsWith('.kjolerommet'))).toBe(true);

	// "My workplace" works offline and reads each field aloud.
	await p.getByRole('link', { name: 'Til I dag' }).click();
	await p.evaluate(() => navigator.serviceWorker.ready);
	await phone.setOffline(true);
	await p.goto(url + '/my-workplace');
	await expect(p.getByTestId('card-address')).toContainText('Vitaminveien 1');
	await expect(p.getByTestId('call-contact')).toHaveAttribute('href', 'tel:91234567');
	for (const key of ['address', 'startTime', 'absence', 'equipment']) {
		const field = p.getByTestId(`card-${key}`);
		await field.getByRole('button', { name: 'Les opp' }).click();
		const text = (await field.locator('.value').innerText()).trim();
		await expect.poll(() => spokenTexts(p)).toContain(text);
	}
	await p.screenshot({ path: 'test-results/screenshots/my-workplace-nb.png', fullPage: true });
	await phone.setOffline(false);

	// The one-week check-in: one question per screen, answered on the phone.
	await p.goto(url + '/');
	await p.getByTestId('checkin-due').click();
	for (const value of [7, 6, 2, 5]) await p.locator(`[data-testid="checkin"] button[data-value="${value}"]`).click();
	await p.getByRole('button', { name: 'Ordene' }).click();
	await p.getByRole('button', { name: 'Ferdig' }).click();
	await expect(p.getByRole('heading', { name: 'Takk!' })).toBeVisible();
	await sync(p);
	// Not shared yet: the job specialist is told so; shared: the answers and a flag for the low one.
	await s.goto(url + aminaId!);
	await expect(s.getByTestId('checkins-not-shared')).toBeVisible();
	await p.locator('[data-share="specialist-checkins"]').click();
	await expect(p.locator('[data-share="specialist-checkins"]')).toHaveAttribute('aria-pressed', 'true');
	await s.reload();
	await expect(s.getByTestId('checkin-table')).toContainText('ordene');
	await expect(s.getByTestId('checkin-flag')).toBeVisible();
	await s.goto(url + '/teach/caseload');
	await expect(s.getByTestId('caseload-flag')).toBeVisible();
	// Sets are not shared with the job specialist, so the caseload does not say what she trains.
	await expect(s.locator('main')).not.toContainText('Øver på');
	await p.goto(url + '/');
	await expect(p.getByTestId('checkin-due')).toHaveCount(0);

	// A fadder at another workplace sees nothing of Amina at any point.
	await s.goto(url + '/teach/workplaces');
	await s.getByLabel('Navn').fill('Annen plass');
	await s.getByRole('button', { name: 'Lag arbeidsplassen' }).click();
	const otherLink = await invite(s, 'Kim Annen', 'kim@annen.example');
	const o = await acceptInvite(browser, otherLink, 'annen-passord-1');
	await expect(o.getByTestId('nothing-shared')).toBeVisible();
	await expect(o.locator('main')).not.toContainText('Amina');
	const peek = await o.request.get(url + aminaId!, { maxRedirects: 0 });
	expect([302, 303, 404]).toContain(peek.status());
	expect(workplaceUrl).toContain('/teach/workplaces/');
});
