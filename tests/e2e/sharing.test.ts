import { expect, test, type Browser, type Page } from '@playwright/test';
import { installFakeSpeech } from './fake-speech';
import { finishSession } from './practice-solver';
import { startServer, type RunningServer } from './server';

const PASSWORD = 'demo-passord-2026';
let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

async function staff(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await page.goto(server.url + '/login');
	await page.getByLabel('E-post').fill(email);
	await page.getByLabel('Passord').fill(PASSWORD);
	await page.getByRole('button', { name: 'Logg inn' }).click();
	await expect(page).toHaveURL(/\/teach$/);
	return page;
}

test('a participant joins with a code, practises offline, syncs, and decides what the teacher sees', async ({ browser }) => {
	test.setTimeout(120_000);
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await installFakeSpeech(phone);
	const p = await phone.newPage();
	await p.goto(server.url + '/');
	await p.locator('button[data-lang="nb"]').click();
	await p.getByRole('button', { name: 'Start med det viktigste' }).click();
	await p.evaluate(() => navigator.serviceWorker.ready);

	// Join the demo group with its code.
	await p.getByRole('link', { name: 'Meg' }).click();
	await p.getByLabel('Kode', { exact: true }).fill('demo-24');
	await p.getByLabel('Fornavnet ditt').fill('Amina');
	await p.getByRole('button', { name: 'Koble til' }).click();
	await expect(p.getByText('Koblet til som Amina.')).toBeVisible();
	await expect(p.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');

	// Practise with no network.
	await phone.setOffline(true);
	await p.getByRole('link', { name: 'I dag' }).click();
	await p.getByRole('link', { name: 'Øv nå' }).click();
	const steps = await finishSession(p);
	await p.getByRole('link', { name: 'Til I dag' }).click();
	await p.getByRole('link', { name: 'Meg' }).click();
	await expect(p.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
	await expect(p.getByTestId('sync-status')).toContainText('svar venter');

	// Back online: everything is sent.
	await phone.setOffline(false);
	await p.evaluate(() => dispatchEvent(new Event('online')));
	await expect(p.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
	await expect(p.getByTestId('sync-status')).not.toContainText('venter');

	// The teacher sees the participant, but not their practice: nothing is shared yet.
	const teacher = await staff(browser, 'larer@demo.no');
	await expect(teacher.getByRole('link', { name: 'Amina' })).toBeVisible();
	await teacher.getByRole('link', { name: 'Amina' }).click();
	await expect(teacher).toHaveURL(/\/teach\/participants\/[0-9a-f-]{36}$/);
	const participantUrl = teacher.url();
	await expect(teacher.getByTestId('activity-not-shared')).toBeVisible();

	// One tap to share activity with the teacher.
	await p.locator('[data-share="teacher-activity"]').click();
	await expect(p.locator('[data-share="teacher-activity"]')).toHaveAttribute('aria-pressed', 'true');
	await teacher.reload();
	await expect(teacher.getByTestId('activity')).toContainText(String(steps.length));

	// Another teacher, not this participant's, gets nothing, not even the name.
	const other = await staff(browser, 'larer2@demo.no');
	const response = await other.goto(participantUrl);
	expect(response?.status()).toBe(404);
	await expect(other.getByText('Amina')).toHaveCount(0);

	// Revoked: the teacher sees nothing on the next request.
	await p.locator('[data-share="teacher-activity"]').click();
	await expect(p.locator('[data-share="teacher-activity"]')).toHaveAttribute('aria-pressed', 'false');
	await teacher.reload();
	await expect(teacher.getByTestId('activity-not-shared')).toBeVisible();

	// The teacher logs out; the pages are closed to that browser afterwards.
	await teacher.getByRole('button', { name: 'Logg ut', exact: true }).click();
	await expect(teacher).toHaveURL(/\/login$/);
	await teacher.goto(participantUrl);
	await expect(teacher).toHaveURL(/\/login\?next=/);

	// The participant can see who looked.
	await p.getByRole('button', { name: 'Hvem har sett på dataene mine?' }).click();
	await expect(p.getByTestId('access-history')).toContainText('Kari Lærer');
	await expect(p.getByTestId('access-history')).toContainText('så på');
});
