import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { installFakeSpeech } from './fake-speech';
import { startServer, type RunningServer } from './server';

/**
 * One production server for all tests of a file, fake speech in every page, and a helper for
 * the first screen. Returns a getter, since the server starts in beforeAll.
 */
export function useServer({ speech = true } = {}): () => RunningServer {
	let server: RunningServer | undefined;
	test.beforeAll(async () => {
		server = await startServer();
	});
	test.afterAll(async () => {
		await server?.stop();
	});
	if (speech) {
		test.beforeEach(async ({ context }) => {
			await installFakeSpeech(context);
		});
	}
	return () => server!;
}

/** A first-time learner picks their language on the first screen and lands on Today. */
export async function chooseLanguage(page: Page, url: string, code: string) {
	await page.goto(url + '/');
	await expect(page).toHaveURL(/\/language$/);
	await page.locator(`button[data-lang="${code}"]`).click();
	await expect(page).toHaveURL(url + '/');
}

/** WCAG 2.2 AA, as axe tags it. */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** No axe violations on the page as it is now, and nothing wider than the phone (WCAG 1.4.10 reflow). */
export async function expectNoViolations(page: Page, where: string) {
	const width = page.viewportSize()?.width ?? 390;
	const overflowing = await page.evaluate(
		(w) =>
			[...document.querySelectorAll('body *')]
				.filter((e) => e.getBoundingClientRect().right > w + 1 && getComputedStyle(e).position !== 'fixed')
				.map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? '').trim().slice(0, 40)}`),
		width
	);
	expect(overflowing, `wider than the phone on ${where}`).toEqual([]);
	const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
	expect(summary, `axe on ${where}`).toEqual([]);
}
