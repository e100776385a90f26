import { expect, test, type Page } from '@playwright/test';
import { installFakeSpeech, spokenTexts } from './fake-speech';
import { allItems, answerCurrent, finishSession } from './practice-solver';
import { chooseLanguage as pickLanguage, useServer } from './harness';

const server = useServer();

const chooseLanguage = (page: Page, code: string) => pickLanguage(page, server().url, code);

test('a first-time learner picks Arabic and gets a right-to-left app, then switches to Norwegian', async ({ page }) => {
	await chooseLanguage(page, 'ar');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('I dag');
	await page.locator('nav a[href="/me"]').click();
	await page.locator('a[href="/language"]').click();
	await page.locator('button[data-lang="nb"]').click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('I dag');
});

test('Today, a set with its words and audio, and a full practice session', async ({ page }) => {
	await chooseLanguage(page, 'nb');
	await expect(page.getByRole('heading', { name: 'Velkommen!' })).toBeVisible();

	await page.getByRole('link', { name: 'Ord' }).click();
	await page.getByRole('link', { name: /Sikkerhet|HMS/ }).first().click();
	const safety = allItems.filter((i) => i.id.startsWith('safety.'));
	const first = safety[0]!;
	await expect(page.getByText(first.nb, { exact: true })).toBeVisible();
	await expect(page.getByText(first.translations.en!.text, { exact: true }).first()).toBeVisible();
	await expect(page.getByText(first.example, { exact: true })).toBeVisible();
	await page.getByRole('button', { name: `Hør: ${first.nb}` }).click();
	await expect.poll(() => spokenTexts(page)).toContain(first.nb);

	await page.getByRole('button', { name: 'Lær dette' }).click();
	await expect(page).toHaveURL(/\/practice$/);
	await expect(page.getByRole('progressbar')).toBeVisible();
	const steps = await finishSession(page, { wrongFirst: true });
	expect(steps.length).toBeGreaterThanOrEqual(10);
	const summary = page.getByTestId('summary');
	await expect(summary).toContainText('nye ord');
	await page.getByRole('link', { name: 'Til I dag' }).click();
	await expect(page.getByTestId('new-count')).toBeVisible();
	await expect(page.getByRole('link', { name: /Sikkerhet|HMS/ })).toBeVisible();
});

test('a wrong answer shows and speaks the right one, and the item comes back in the session', async ({ page }) => {
	await chooseLanguage(page, 'nb');
	await page.getByRole('button', { name: 'Start med det viktigste' }).click();
	await page.getByRole('link', { name: 'Øv nå' }).click();
	const counter = page.getByTestId('step-count');
	const total = () => counter.innerText().then((t) => Number(t.split('/')[1]));
	const before = await total();
	const first = await answerCurrent(page, { wrong: true });
	const feedback = page.getByTestId('feedback');
	await expect(feedback).toContainText('Ikke helt');
	await expect(feedback).toContainText(first.items[0]!);
	await expect.poll(async () => (await spokenTexts(page)).filter((t) => t === first.items[0]).length).toBeGreaterThanOrEqual(2);
	expect(await total()).toBe(before + 1);
	await feedback.getByRole('button', { name: 'Fortsett' }).click();
	const rest = await finishSession(page);
	expect(rest).toHaveLength(before);
	const again = rest.findIndex((s) => s.items.includes(first.items[0]!));
	expect(again).toBeGreaterThanOrEqual(2);
});

test('without a Norwegian voice the app says so and the exercise can be done from text', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await installFakeSpeech(context, { norwegian: false });
	const page = await context.newPage();
	await page.goto(server().url + '/');
	await page.locator('button[data-lang="nb"]').click();
	await page.getByRole('button', { name: 'Start med det viktigste' }).click();
	await page.getByRole('link', { name: 'Øv nå' }).click();
	await expect(page.getByRole('note')).toContainText('ingen norsk stemme');
	await page.getByRole('button', { name: 'Jeg har lært det' }).click();
	// The Norwegian is shown as text instead of being spoken.
	await expect(page.locator('main .norwegian')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Hør', exact: true })).toHaveCount(0);
	await context.close();
});
