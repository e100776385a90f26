import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Guide } from '../../src/lib/content/guide';
import type { PhraseSet } from '../../src/lib/content/schema';
import { LANGUAGE_CODES } from '../../src/lib/content/languages';
import { spokenTexts } from './fake-speech';
import { allDialogues, answerCurrent, continueSession } from './practice-solver';
import { chooseLanguage as pickLanguage, expectNoViolations, useServer } from './harness';

const packs = join(import.meta.dirname, '..', '..', 'static', 'packs');
const guides: Guide[] = readdirSync(join(packs, 'guides')).map((f) => JSON.parse(readFileSync(join(packs, 'guides', f), 'utf8')));
const sets: PhraseSet[] = readdirSync(packs)
	.filter((f) => f.endsWith('.json') && f !== 'index.json')
	.map((f) => JSON.parse(readFileSync(join(packs, f), 'utf8')));

const server = useServer();

const chooseLanguage = (page: Page, code: string) => pickLanguage(page, server().url, code);

test('a guide: read in my language and in Norwegian side by side, listen, source, quiz and its words', async ({ page }) => {
	const guide = guides.find((g) => g.texts.en && g.words.length) ?? guides.find((g) => g.texts.en)!;
	await chooseLanguage(page, 'en');
	await page.getByRole('link', { name: 'Work life' }).click();
	await expect(page.locator('main li a')).toHaveCount(guides.length);
	await page.getByRole('link', { name: guide.texts.en!.title }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(guide.texts.en!.title);
	await expect(page.getByRole('note')).toContainText('not been checked');
	await expect(page.getByText(guide.sources[0]!.name)).toBeVisible();
	await expect(page.getByText(/Last checked/)).toBeVisible();
	await expect(page.getByText('Ask your leader or job specialist what applies to you.')).toBeVisible();

	await page.getByRole('button', { name: 'Norsk' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(guide.texts.nb!.title);
	await page.getByRole('button', { name: 'Both' }).click();
	await expect(page.locator('article')).toHaveCount(2);
	await expectNoViolations(page, 'guide side by side (en)');
	await expect(page.locator('article[lang="nb"]')).toBeVisible();

	await page.getByRole('button', { name: 'Listen in Norwegian' }).click();
	await expect.poll(() => spokenTexts(page)).toContain(guide.texts.nb!.title);

	const q = guide.texts.en!.quiz[0]!;
	await page.getByRole('group', { name: new RegExp(q.q.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).getByRole('button', { name: q.options[q.answer], exact: true }).click();
	await expect(page.getByText(q.explain)).toBeVisible();

	if (guide.words.length) {
		await page.getByRole('link', { name: 'Practise the words' }).click();
		await expect(page).toHaveURL(/\/practice\?guide=/);
		await expect(page.getByTestId('step-count')).toHaveText(new RegExp(`/${Math.min(guide.words.length, 20)}$`));
	}
});

test('an instruction drill: hear the instruction, pick what to do, see the right picture', async ({ page }) => {
	await chooseLanguage(page, 'nb');
	await page.goto(server().url + '/sets/instructions');
	await page.getByRole('button', { name: 'Lær dette' }).click();
	let seen = false;
	let spokenMark: number | undefined;
	for (let i = 0; i < 25 && !seen; i++) {
		const kind = await page.locator('main[data-phase]').getAttribute('data-kind');
		if (kind === 'instruction') {
			seen = true;
			const mark = spokenMark ?? 0;
			await expect.poll(async () => (await spokenTexts(page)).length).toBeGreaterThan(mark);
			const spoken = (await spokenTexts(page))[mark]!;
			expect(spoken).not.toMatch(/[{}]/);
			await expect(page.locator('main [role="group"] button')).toHaveCount(4);
			await expectNoViolations(page, 'instruction drill');
			await page.locator('main [role="group"] button').first().click();
			const feedback = page.getByTestId('feedback');
			await expect(feedback).toContainText(spoken);
			await expect(feedback.locator('.shown')).toBeVisible();
			break;
		}
		await answerCurrent(page, { spokenMark });
		spokenMark = await continueSession(page);
	}
	expect(seen).toBe(true);
});

test('a dialogue: a wrong reply is explained kindly, the right one moves the talk on', async ({ page }) => {
	await chooseLanguage(page, 'nb');
	await page.goto(server().url + '/sets/absence');
	await page.getByRole('button', { name: 'Lær dette' }).click();
	const main = page.locator('main[data-phase]');
	let spokenMark: number | undefined;
	for (let i = 0; i < 25 && (await main.getAttribute('data-kind')) !== 'dialogue'; i++) {
		await answerCurrent(page, { spokenMark });
		spokenMark = await continueSession(page);
	}
	await expect(main).toHaveAttribute('data-kind', 'dialogue');
	const title = (await page.locator('.situation h1').innerText()).trim();
	const d = allDialogues.find((x) => x.title.nb === title)!;
	const first = d.nodes[0]!;
	await expect(page.locator('.bubble.them .line').first()).toHaveText(first.line);
	await expect.poll(() => spokenTexts(page)).toContain(first.line);
	const replies = page.getByRole('group', { name: 'Hva sier du?' });
	const wrong = first.choices.find((c) => !c.correct)!;
	await replies.getByRole('button').filter({ hasText: wrong.reply }).click();
	await expect(page.getByRole('status').filter({ hasText: wrong.why.nb })).toBeVisible();
	await expect(replies.getByRole('button').filter({ hasText: wrong.reply })).toBeDisabled();
	const right = first.choices.find((c) => c.correct)!;
	await replies.getByRole('button').filter({ hasText: right.reply }).click();
	await expect(page.locator('.bubble.me .line').first()).toHaveText(right.reply);
	const next = d.nodes.find((n) => n.id === right.next)!;
	await expect(page.locator('.bubble.them .line').nth(1)).toHaveText(next.line);
	await expectNoViolations(page, 'dialogue');
});

for (const lang of LANGUAGE_CODES) {
	test(`long texts fit a 320 px screen in ${lang}`, async ({ page }) => {
		await page.setViewportSize({ width: 320, height: 640 });
		await chooseLanguage(page, lang);
		const longest = (set: PhraseSet) => Math.max(...set.items.map((i) => (lang === 'nb' ? i.nb : (i.translations[lang as 'en']?.text ?? '')).length));
		const set = [...sets].sort((a, b) => longest(b) - longest(a))[0]!;
		const guide = [...guides].sort((a, b) => (b.texts[lang]?.title.length ?? 0) - (a.texts[lang]?.title.length ?? 0))[0]!;
		for (const path of ['/', '/sets', `/sets/${set.id}`, '/guides', `/guides/${guide.id}`, '/me']) {
			await page.goto(server().url + path);
			await expect(page.locator('main h1').first()).toBeVisible();
			await page.waitForLoadState('networkidle');
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			expect(overflow, `${path} in ${lang} is wider than the screen`).toBeLessThanOrEqual(0);
		}
	});
}
