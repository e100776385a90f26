import { expect, test } from '@playwright/test';
import { useServer } from './harness';

const server = useServer({ speech: false });

test('a job specialist makes a caseload code; a participant scans it, and the specialist sees them; a stopped code no longer works', async ({ browser }) => {
	test.setTimeout(90_000);
	const url = server().url;
	const staff = await browser.newContext();
	const s = await staff.newPage();
	await s.goto(url + '/login');
	await s.getByLabel('E-post').fill('jobb@demo.no');
	await s.getByLabel('Passord').fill('demo-passord-2026');
	await s.getByRole('button', { name: 'Logg inn' }).click();
	await expect(s.getByRole('heading', { name: 'Mine deltakere' })).toBeVisible();
	await s.getByRole('button', { name: 'Lag ny kode' }).click();
	const code = (await s.getByTestId('new-code').innerText()).trim();
	const link = s.locator('.code-row', { hasText: code });
	await expect(link.locator('svg')).toBeVisible();
	const joinUrl = (await link.locator('.link').innerText()).trim();
	expect(joinUrl).toBe(`${url}/me?join=${code}`);

	// A phone that never had the app opens the QR link: language first, then the filled-in form.
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const p = await phone.newPage();
	await p.goto(joinUrl);
	await expect(p).toHaveURL(/\/language$/);
	await p.locator('button[data-lang="nb"]').click();
	await expect(p).toHaveURL(url + '/me');
	await expect(p.getByLabel('Kode', { exact: true })).toHaveValue(code);
	await p.getByLabel('Fornavnet ditt').fill('Hodan');
	await p.getByRole('button', { name: 'Koble til' }).click();
	await expect(p.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });

	await s.reload();
	await expect(s.getByRole('link', { name: 'Hodan' })).toBeVisible();

	// Stopped: the same code is refused at once.
	await link.getByRole('button', { name: 'Stopp koden' }).click();
	await expect(s.getByRole('status')).toContainText('virker ikke lenger');
	const late = await (await browser.newContext()).newPage();
	await late.goto(url + '/language');
	await late.locator('button[data-lang="nb"]').click();
	await late.goto(url + '/me');
	await late.getByLabel('Kode', { exact: true }).fill(code);
	await late.getByLabel('Fornavnet ditt').fill('Noen');
	await late.getByRole('button', { name: 'Koble til' }).click();
	await expect(late.getByRole('alert')).toContainText('Koden virker ikke');
});
