import { expect, test, type Page } from '@playwright/test';
import { installFakeSpeech, knowRecording } from './fake-speech';
import { allItems, finishSession } from './practice-solver';
import { chooseLanguage, useServer } from './harness';
import type { PhraseItem } from '../../src/lib/content/schema';

const server = useServer({ speech: false });

const BAD_CSV = 'norsk;eksempel;nivå;en\nTrillebår;Ta trillebåren til lageret.;A1;wheelbarrow\nPall;Sett pallen her.;C1;pallet\n';
const GOOD_CSV = 'norsk;eksempel;nivå;en\nTrillebår;Ta trillebåren til lageret.;A1;wheelbarrow\nPall;Sett pallen her.;A2;pallet\n';

async function itemCount(t: Page) {
	return t.getByTestId('item').count();
}

test('a teacher makes a group and a workplace set (photo, recording, CSV import), assigns it; the participant gets it; progress shows only once shared', async ({ browser }) => {
	test.setTimeout(180_000);
	const url = server().url;
	const staff = await browser.newContext({ viewport: { width: 1024, height: 900 } });
	const t = await staff.newPage();
	await t.goto(url + '/login');
	await t.getByLabel('E-post').fill('larer@demo.no');
	await t.getByLabel('Passord').fill('demo-passord-2026');
	await t.getByRole('button', { name: 'Logg inn' }).click();

	// A group.
	await t.getByLabel('Navn på gruppen').fill('Rema kveld');
	await t.getByRole('button', { name: 'Lag gruppen' }).click();
	await expect(t.getByRole('heading', { level: 1, name: 'Rema kveld' })).toBeVisible();
	const groupUrl = t.url();
	await t.getByRole('button', { name: 'Lag ny kode' }).click();
	const code = (await t.getByTestId('new-code').innerText()).trim();
	await expect(t.getByRole('link', { name: 'QR-ark til utskrift' })).toBeVisible();

	// Copy a built-in set and adapt it.
	await t.goto(url + '/teach/sets');
	await t.getByRole('combobox', { name: 'Ferdig sett' }).selectOption('safety');
	await t.getByLabel('Navn på kopien').fill('Rema 1000 Storo – lager');
	await t.getByRole('button', { name: 'Kopier' }).click();
	await expect(t.getByRole('heading', { level: 1 })).toContainText('Rema 1000 Storo – lager');
	const setId = new URL(t.url()).pathname.split('/').at(-1)!;
	expect(setId).toMatch(/^t-[a-z0-9]{8}$/);
	const before = await itemCount(t);

	// The first word gets a photo from the camera and a recording from the microphone.
	const first = t.getByTestId('item').first();
	const firstNb = (await first.locator('strong').innerText()).trim();
	await first.getByText('Endre').click();
	const photo = await t.screenshot({ clip: { x: 0, y: 0, width: 64, height: 48 } });
	await first.locator('input[type="file"]').setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: photo });
	await expect(first.locator('img.preview')).toBeVisible();
	await first.getByRole('button', { name: /Ta opp uttalen/ }).click();
	await t.waitForTimeout(1200);
	await first.getByRole('button', { name: /Stopp opptaket/ }).click();
	await expect(first.locator('audio')).toBeVisible({ timeout: 10_000 });
	const audioLink = new URL((await first.locator('audio').getAttribute('src'))!, url).pathname;
	await first.getByRole('button', { name: 'Lagre ordet' }).click();
	await expect(t.getByRole('status')).toContainText('Ordet er endret');
	await expect(t.getByTestId('item').first().locator('img.thumb')).toBeVisible();
	await expect(t.getByTestId('item').first()).toContainText('opptak');
	// The photo is stored as a JPEG made in the browser, whatever the file was called.
	const stored = await t.request.get(url + (await t.getByTestId('item').first().locator('img.thumb').getAttribute('src'))!);
	expect(stored.headers()['content-type']).toBe('image/jpeg');

	// A spreadsheet with one bad row imports nothing and says where; the fixed one imports.
	await t.locator('input[name="file"]').setInputFiles({ name: 'ord.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
	await t.getByRole('button', { name: 'Importer' }).click();
	await expect(t.getByTestId('problem')).toContainText('row 3, column "nivå"');
	expect(await itemCount(t)).toBe(before);
	await t.locator('input[name="file"]').setInputFiles({ name: 'ord.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
	await t.getByRole('button', { name: 'Importer' }).click();
	await expect(t.getByRole('status')).toContainText('Importert');
	expect(await itemCount(t)).toBe(before + 2);
	// Typed text is shown as text, never as HTML.
	await t.getByRole('heading', { name: 'Legg til et ord' }).scrollIntoViewIfNeeded();
	const add = t.locator('form[action="?/add"]');
	await add.locator('input[name="nb"]').fill('<img src=x onerror=alert(1)>');
	await add.locator('input[name="example"]').fill('<b>fet</b> eksempel');
	await add.getByRole('button', { name: 'Legg til' }).click();
	await expect(t.getByTestId('item').last().locator('strong')).toHaveText('<img src=x onerror=alert(1)>');
	await t.getByTestId('item').last().getByText('Endre').click();
	await t.getByTestId('item').last().getByRole('button', { name: 'Fjern ordet' }).click();
	await expect(t.getByRole('status')).toContainText('Ordet er fjernet');

	// Assign it to the group with a due date and a goal.
	await t.goto(groupUrl);
	await t.getByRole('combobox', { name: 'Sett', exact: true }).selectOption(setId);
	await t.getByLabel(/Frist/).fill('2026-12-01');
	await t.getByLabel(/Mål/).fill('80');
	await t.getByRole('button', { name: 'Gi settet til gruppen' }).click();
	await expect(t.getByRole('status')).toContainText('Settet er gitt til gruppen');

	// The participant joins with the group's code, sees the assignment and practises it.
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await installFakeSpeech(phone);
	const p = await phone.newPage();
	await chooseLanguage(p, url, 'nb');
	await p.locator('nav a[href="/me"]').click();
	await p.getByLabel('Kode', { exact: true }).fill(code);
	await p.getByLabel('Fornavnet ditt').fill('Amina');
	await p.getByRole('button', { name: 'Koble til' }).click();
	await expect(p.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
	await p.locator('nav a[href="/"]').click();
	const assigned = p.getByTestId('assignments');
	await expect(assigned).toContainText('Rema 1000 Storo – lager');
	await expect(assigned.getByTestId('due-date')).toContainText('1. desember');
	await expect(assigned).toContainText('80');

	allItems.push(
		{ id: `${setId}.trillebar`, nb: 'Trillebår', translations: { en: { text: 'wheelbarrow', status: 'draft' } } } as unknown as PhraseItem,
		{ id: `${setId}.pall`, nb: 'Pall', translations: { en: { text: 'pallet', status: 'draft' } } } as unknown as PhraseItem
	);
	await knowRecording(p, audioLink, firstNb);
	await p.getByRole('link', { name: 'Øv nå' }).click();
	await finishSession(p);
	// The teacher's recording was played instead of the synthetic voice.
	const voices = await p.evaluate(() => (window as unknown as { __spoken: { voice: string }[] }).__spoken.map((s) => s.voice));
	expect(voices).toContain('recording');
	await p.getByRole('link', { name: 'Til I dag' }).click();
	await p.locator('nav a[href="/me"]').click();
	await expect(p.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
	await expect(p.getByTestId('sync-status')).not.toContainText('venter');

	// Not shared yet: the teacher sees "not shared", not zeros.
	await t.goto(groupUrl);
	const cell = t.getByTestId(`cell-Amina-${setId}`);
	await expect(cell).toHaveText('ikke delt');
	// Shared: now the teacher sees how far Amina is.
	await p.locator('[data-share="teacher-items"]').click();
	await expect(p.locator('[data-share="teacher-items"]')).toHaveAttribute('aria-pressed', 'true');
	await t.reload();
	await expect(cell).toHaveText(/\d+ av \d+/);
	await t.screenshot({ path: 'test-results/screenshots/teacher-group.png', fullPage: true });

	// One participant's page: mastery per set; activity is not shared, and says so.
	await t.getByRole('link', { name: 'Amina' }).click();
	await expect(t.getByTestId(`mastery-${setId}`)).toContainText(/\d+ av \d+ kan deltakeren/);
	await expect(t.getByTestId('activity-not-shared')).toBeVisible();
	// A set for Amina alone.
	await t.getByText('Gi et sett bare til denne deltakeren').click();
	await t.getByRole('combobox', { name: 'Sett', exact: true }).selectOption('warehouse');
	await t.getByRole('button', { name: 'Gi settet' }).click();
	await expect(t.getByRole('status')).toContainText('Settet er gitt til deltakeren');
	await expect(t.getByTestId('mastery-warehouse')).toBeVisible();
	await p.locator('nav a[href="/me"]').click();
	await p.getByRole('button', { name: 'Send nå' }).click();
	await expect(p.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
	await p.locator('nav a[href="/"]').click();
	await expect(p.getByTestId('assignments')).toContainText('Lager');
	await t.screenshot({ path: 'test-results/screenshots/teacher-participant.png', fullPage: true });

	// Amina records a phrase on the phone (fake microphone) and sends it to her teacher only.
	const sent = await p.evaluate(async (itemId) => {
		const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
		const recorder = new MediaRecorder(stream);
		const chunks: Blob[] = [];
		recorder.ondataavailable = (e) => chunks.push(e.data);
		const done = new Promise((resolve) => (recorder.onstop = resolve));
		recorder.start();
		await new Promise((r) => setTimeout(r, 800));
		recorder.stop();
		await done;
		stream.getTracks().forEach((track) => track.stop());
		const blob = new Blob(chunks, { type: recorder.mimeType });
		const res = await fetch(`/api/recordings?item=${encodeURIComponent(itemId)}&nb=Trillebår`, { method: 'POST', body: blob, headers: { 'content-type': blob.type } });
		return res.status;
	}, `${setId}.trillebar`);
	expect(sent).toBe(200);
	await t.reload();
	const recording = t.getByTestId('recording');
	await expect(recording).toContainText('Trillebår');
	const heard = await t.request.get(url + (await recording.locator('audio').getAttribute('src'))!);
	expect(heard.headers()['content-type']).toMatch(/^audio\/webm/);
	// Only the teacher it was sent to can hear it.
	const other = await browser.newContext();
	const o = await other.newPage();
	await o.goto(url + '/login');
	await o.getByLabel('E-post').fill('larer2@demo.no');
	await o.getByLabel('Passord').fill('demo-passord-2026');
	await o.getByRole('button', { name: 'Logg inn' }).click();
	expect((await o.request.get(url + (await recording.locator('audio').getAttribute('src'))!)).status()).toBe(404);
	// The teacher answers with a comment; it reaches Amina's Today after the next sync.
	await recording.getByLabel('Kort kommentar').fill('Bra! Si «å» litt lenger: trillebår.');
	await recording.getByRole('button', { name: 'Send svaret' }).click();
	await expect(t.getByRole('status')).toContainText('Svaret er sendt');
	await p.locator('nav a[href="/me"]').click();
	await p.getByRole('button', { name: 'Send nå' }).click();
	await expect(p.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
	await p.locator('nav a[href="/"]').click();
	const message = p.getByTestId('teacher-message');
	await expect(message).toContainText('Si «å» litt lenger');
	await p.screenshot({ path: 'test-results/screenshots/teacher-message-nb.png' });
	await message.getByRole('button', { name: 'OK, takk' }).click();
	await expect(message).toHaveCount(0);
});
