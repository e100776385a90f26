import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { PhraseItem, PhraseSet } from '../../src/lib/content/schema';
import type { Dialogue } from '../../src/lib/content/dialogue';
import { findGap } from '../../src/lib/practice/exercises';
import { sentenceTiles } from '../../src/lib/practice/answer-check';
import { spokenTexts } from './fake-speech';

const packDir = join(import.meta.dirname, '..', '..', 'static', 'packs');
export const allItems: PhraseItem[] = readdirSync(packDir)
	.filter((f) => f.endsWith('.json') && f !== 'index.json')
	.flatMap((f) => (JSON.parse(readFileSync(join(packDir, f), 'utf8')) as PhraseSet).items);

const dialogueDir = join(packDir, 'dialogues');
export const allDialogues: Dialogue[] = readdirSync(dialogueDir).map((f) => JSON.parse(readFileSync(join(dialogueDir, f), 'utf8')) as Dialogue);

/** What the Norwegian UI shows as an item's meaning (English, since nb has no translation). */
const meaning = (item: PhraseItem) => item.translations.en!.text;
const exact = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/** Items with this Norwegian text: sets may share a phrase ("en vakt") with different meanings. */
function byNorwegian(nb: string): PhraseItem[] {
	const items = allItems.filter((i) => i.nb === nb);
	if (!items.length) throw new Error(`no item "${nb}"`);
	return items;
}
function byMeaning(text: string): PhraseItem[] {
	const items = allItems.filter((i) => meaning(i) === text.trim());
	if (!items.length) throw new Error(`no item meaning "${text}"`);
	return items;
}
const anyOf = (texts: string[]) => new RegExp(`^\\s*(${texts.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\s*$`);

/**
 * What the exercise on screen said: the first utterance after `mark` (how many had been said
 * before "Continue" was tapped), else the latest one.
 */
async function spokenNow(page: Page, mark?: number): Promise<string> {
	await expect.poll(async () => (await spokenTexts(page)).length).toBeGreaterThan(mark ?? 0);
	const spoken = await spokenTexts(page);
	return mark === undefined ? spoken.at(-1)! : spoken[mark]!;
}

/** Taps "Continue" after feedback; returns the utterance count to pass to the next answer. */
export async function continueSession(page: Page): Promise<number> {
	const mark = (await spokenTexts(page)).length;
	await page.getByTestId('feedback').getByRole('button', { name: 'Fortsett' }).click();
	return mark;
}

export interface Answered {
	kind: string;
	/** The Norwegian of the items the exercise showed (several for match pairs). */
	items: string[];
}

/**
 * Answers the exercise on screen the way a learner who knows the answer would, through the
 * same buttons and fields (or wrongly, with `wrong`). Works on the Norwegian UI.
 */
export async function answerCurrent(page: Page, options: { wrong?: boolean; spokenMark?: number } = {}): Promise<Answered> {
	let wrong = options.wrong ?? false;
	const main = page.locator('main[data-phase]');
	await expect(main).not.toHaveAttribute('data-phase', 'loading');
	const phase = await main.getAttribute('data-phase');
	const items: string[] = [];
	if (phase === 'intro') {
		items.push(await main.locator('h1.norwegian').innerText());
		await page.getByRole('button', { name: 'Jeg har lært det' }).click();
		await expect(main).toHaveAttribute('data-phase', 'answer');
	}
	const kind = (await main.getAttribute('data-kind'))!;
	if (wrong && kind !== 'match-pairs' && kind !== 'say-it' && kind !== 'dialogue') {
		await page.getByRole('button', { name: 'Jeg vet ikke' }).click();
		return { kind, items };
	}
	switch (kind) {
		case 'listen-choose': {
			const candidates = byNorwegian(await spokenNow(page, options.spokenMark));
			items.push(candidates[0]!.nb);
			await main.getByRole('group').getByRole('button').filter({ has: page.locator('span[lang]', { hasText: anyOf(candidates.map(meaning)) }) }).first().click();
			break;
		}
		case 'meaning-choose': {
			const candidates = byMeaning(await main.locator('.cue span[lang]').first().innerText());
			const option = main.getByRole('group').getByRole('button').filter({ has: page.locator('span[lang="nb"]', { hasText: anyOf(candidates.map((c) => c.nb)) }) }).first();
			items.push((await option.innerText()).trim());
			await option.click();
			break;
		}
		case 'type-heard': {
			const item = byNorwegian(await spokenNow(page, options.spokenMark))[0]!;
			items.push(item.nb);
			await main.locator('input#typed').fill(item.nb);
			await page.getByRole('button', { name: 'Sjekk' }).click();
			break;
		}
		case 'build-sentence': {
			const bank = main.getByRole('group', { name: 'Ord du kan bruke' });
			const tiles = (await bank.getByRole('button').allInnerTexts()).map((t) => t.trim()).sort().join(' ');
			// The item whose words are exactly the tiles on offer.
			const item = byMeaning(await main.locator('.cue span[lang]').first().innerText()).find((c) => [...sentenceTiles(c.nb)].sort().join(' ') === tiles)!;
			items.push(item.nb);
			for (const word of sentenceTiles(item.nb)) await bank.getByRole('button', { name: word, exact: true }).first().click();
			await page.getByRole('button', { name: 'Sjekk' }).click();
			break;
		}
		case 'fill-gap': {
			// The sentence as shown: the example with its gap blanked ("tomt felt" for screen readers).
			const norm = (t: string) => t.replace(/\s+/g, '');
			const sentence = norm(await main.locator('.sentence').innerText());
			const candidates = allItems.filter((i) => {
				const g = findGap(i);
				return g && norm(`${g.before}tomt felt${g.after}`) === sentence;
			});
			if (!candidates.length) throw new Error(`no item has the sentence "${sentence}"`);
			items.push(candidates[0]!.nb);
			await main.getByRole('group').getByRole('button').filter({ has: page.locator('span[lang="nb"]', { hasText: anyOf(candidates.map((c) => findGap(c)!.gap)) }) }).first().click();
			break;
		}
		case 'match-pairs': {
			const left = main.getByRole('group', { name: 'Norsk' }).getByRole('button');
			const texts = await left.allInnerTexts();
			items.push(...texts.map((t) => t.trim()));
			for (const nb of texts) {
				await main.getByRole('group', { name: 'Norsk' }).getByRole('button', { name: nb.trim(), exact: true }).click();
				await main
					.getByRole('group', { name: 'Betydning' })
					.getByRole('button')
					.filter({ has: page.locator('span[lang]', { hasText: anyOf(byNorwegian(nb.trim()).map(meaning)) }) })
					.first()
					.click();
			}
			break;
		}
		case 'say-it': {
			items.push(await main.locator('.cue .norwegian').innerText());
			await page.getByRole('button', { name: 'Ta opp' }).click();
			await page.getByRole('button', { name: 'Stopp' }).click();
			await page.getByRole('button', { name: wrong ? 'Ikke ennå' : 'Bra' }).click();
			break;
		}
		case 'instruction': {
			// The learner hears the instruction and picks a picture; here the first one.
			await main.getByRole('group').getByRole('button').first().click();
			break;
		}
		case 'dialogue': {
			const title = await main.locator('.situation h1').innerText();
			const dialogue = allDialogues.find((d) => d.title.nb === title.trim())!;
			items.push(title.trim());
			for (let turn = 0; turn < 10; turn++) {
				const done = page.getByRole('button', { name: 'Ferdig' });
				if (await done.count()) {
					await done.click();
					break;
				}
				const said = (await main.locator('.bubble.them .line').last().innerText()).trim();
				const node = dialogue.nodes.find((n) => n.line === said)!;
				const choice = node.choices.find((c) => c.correct === !wrong) ?? node.choices.find((c) => c.correct)!;
				const replies = main.getByRole('group', { name: 'Hva sier du?' });
				await replies.getByRole('button').filter({ has: page.locator('span[lang="nb"]', { hasText: exact(choice.reply) }) }).click();
				if (wrong) wrong = false;
			}
			break;
		}
		default:
			throw new Error(`unknown exercise ${kind}`);
	}
	return { kind, items };
}

/** Answers every exercise until the summary; returns what each step was. */
export async function finishSession(page: Page, { wrongFirst = false } = {}): Promise<Answered[]> {
	const steps: Answered[] = [];
	const main = page.locator('main[data-phase]');
	let spokenMark: number | undefined;
	for (let i = 0; i < 80; i++) {
		const phase = await main.getAttribute('data-phase');
		if (phase === 'summary') return steps;
		if (phase === 'loading') {
			await page.waitForTimeout(50);
			continue;
		}
		steps.push(await answerCurrent(page, { wrong: wrongFirst && i === 0, spokenMark }));
		await expect(page.getByTestId('feedback')).toBeVisible();
		spokenMark = await continueSession(page);
	}
	throw new Error('session did not end');
}
