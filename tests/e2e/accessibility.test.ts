import { expect, test, type Page } from '@playwright/test';
import { installFakeSpeech } from './fake-speech';
import { startServer, type RunningServer } from './server';
import { expectNoViolations } from './harness';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});


async function shot(page: Page, name: string) {
	await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: false });
}

for (const lang of ['nb', 'ar'] as const) {
	test(`every participant screen passes axe in ${lang}, and screenshots are saved`, async ({ page, context }) => {
		await installFakeSpeech(context);
		await page.goto(server.url + '/language');
		await expect(page.locator('button[data-lang]')).toHaveCount(8);
		await expectNoViolations(page, `/language (${lang})`);
		await page.locator(`button[data-lang="${lang}"]`).click();
		await expect(page.locator('html')).toHaveAttribute('lang', lang);

		await expect(page.locator('main h1')).toBeVisible();
		await expectNoViolations(page, `/ welcome (${lang})`);
		await page.locator('main button.primary').click();
		await expect(page.getByTestId('due-count')).toBeVisible();
		await expectNoViolations(page, `/ (${lang})`);
		await shot(page, `today-${lang}`);

		await page.goto(server.url + '/sets');
		await expect(page.locator('main a.list-card').first()).toBeVisible();
		await expectNoViolations(page, `/sets (${lang})`);

		await page.goto(server.url + '/sets/safety');
		await expect(page.locator('main li.item').first()).toBeVisible();
		await expectNoViolations(page, `/sets/safety (${lang})`);
		await shot(page, `set-${lang}`);

		await page.goto(server.url + '/practice');
		await expect(page.locator('main[data-phase="intro"]')).toBeVisible();
		await expectNoViolations(page, `/practice intro (${lang})`);
		await page.locator('main button.primary').click();
		await expect(page.locator('main[data-phase="answer"]')).toBeVisible();
		await expectNoViolations(page, `/practice exercise (${lang})`);
		await shot(page, `practice-${lang}`);
		await page.locator('main [role="group"] button').first().click();
		await expect(page.getByTestId('feedback')).toBeVisible();
		await expectNoViolations(page, `/practice feedback (${lang})`);
		await shot(page, `feedback-${lang}`);

		await page.goto(server.url + '/guides');
		await expect(page.locator('main a.card').first()).toBeVisible();
		await expectNoViolations(page, `/guides (${lang})`);

		await page.goto(server.url + '/guides/contract');
		await expect(page.locator('main article').first()).toBeVisible();
		if (lang !== 'nb') await page.locator('.views button').nth(2).click();
		await page.locator('fieldset.question button').first().click();
		await expectNoViolations(page, `/guides/contract (${lang})`);
		await shot(page, `guide-${lang}`);

		await page.goto(server.url + '/me');
		await expect(page.locator('main select').first()).toBeVisible();
		await expectNoViolations(page, `/me (${lang})`);

		// Joined: the sharing card; then a PIN and the lock screen.
		await page.locator('input.code').fill('DEMO24');
		await page.locator('input[autocomplete="given-name"]').fill('Amina');
		await page.locator('form button[type="submit"]').first().click();
		await expect(page.getByTestId('sync-status')).toBeVisible({ timeout: 15_000 });
		await expectNoViolations(page, `/me joined (${lang})`);
		await shot(page, `me-joined-${lang}`);
		await page.locator('section[aria-labelledby="pin-heading"] button').click();
		const pins = page.locator('section[aria-labelledby="pin-heading"] input');
		await pins.nth(0).fill('2468');
		await pins.nth(1).fill('2468');
		await expectNoViolations(page, `/me choosing a PIN (${lang})`);
		await page.locator('section[aria-labelledby="pin-heading"] button[type="submit"]').click();
		await expect(page.locator('section[aria-labelledby="pin-heading"] [role="status"]')).toBeVisible();
		await page.reload();
		await expect(page.getByTestId('lock-screen')).toBeVisible();
		await expectNoViolations(page, `lock screen (${lang})`);
		await shot(page, `lock-${lang}`);
		for (const digit of '2468') await page.getByRole('button', { name: digit, exact: true }).click();
		await page.locator('main button[type="submit"]').click();
		await expect(page.getByTestId('lock-screen')).toBeHidden();

		await page.goto(server.url + '/offline');
		await expectNoViolations(page, `/offline (${lang})`);
	});
}
