import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { PhraseItem, PhraseSet } from '../../src/lib/content/schema';
import { findGap } from '../../src/lib/practice/exercises';
import { sentenceTiles } from '../../src/lib/practice/answer-check';
import { spokenTexts } from './fake-speech';

const packDir = join(import.meta.dirname, '..', '..', 'static', 'packs');
export const allItems: PhraseItem[] = readdirSync(packDir)
	.filter((f) => f.endsWith('.json') && f !== 'index.json')
	.flatMap((f) => (JSON.parse(readFileSync(join(packDir, f), 'utf8')) as PhraseSet).items);

/** What the Norwegian UI shows as an item's meaning (English, since nb has no translation). */
const meaning = (item: PhraseItem) => item.translations.en!.text;
const exact = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

function byNorwegian(nb: string): PhraseItem {
	const item = allItems.find((i) => i.nb === nb);
	if (!item) throw new Error(`no item "${nb}"`);
	return item;
}
function byMeaning(text: string): PhraseItem {
	const item = allItems.find((i) => meaning(i) === text.trim());
	if (!item) throw new Error(`no item meaning "${text}"`);
	return item;
}

async function lastSpoken(page: Page): Promise<string> {
	await expect.poll(async () => (await spokenTexts(page)).length).toBeGreaterThan(0);
	return (await spokenTexts(page)).at(-1)!;
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
export async function answerCurrent(page: Page, { wrong = false } = {}): Promise<Answered> {
	const main = page.locator('main[data-phase]');
	const phase = await main.getAttribute('data-phase');
	const items: string[] = [];
	if (phase === 'intro') {
		items.push(await main.locator('h1.norwegian').innerText());
		await page.getByRole('button', { name: 'Jeg har lært det' }).click();
		await expect(main).toHaveAttribute('data-phase', 'answer');
	}
	const kind = (await main.getAttribute('data-kind'))!;
	if (wrong && kind !== 'match-pairs' && kind !== 'say-it') {
		await page.getByRole('button', { name: 'Jeg vet ikke' }).click();
		return { kind, items };
	}
	switch (kind) {
		case 'listen-choose': {
			const item = byNorwegian(await lastSpoken(page));
			items.push(item.nb);
			await main.getByRole('group').getByRole('button').filter({ has: page.locator('span[lang]', { hasText: exact(meaning(item)) }) }).click();
			break;
		}
		case 'meaning-choose': {
			const item = byMeaning(await main.locator('.cue span[lang]').first().innerText());
			items.push(item.nb);
			await main.getByRole('group').getByRole('button', { name: item.nb, exact: true }).click();
			break;
		}
		case 'type-heard': {
			const item = byNorwegian(await lastSpoken(page));
			items.push(item.nb);
			await main.locator('input#typed').fill(item.nb);
			await page.getByRole('button', { name: 'Sjekk' }).click();
			break;
		}
		case 'build-sentence': {
			const item = byMeaning(await main.locator('.cue span[lang]').first().innerText());
			items.push(item.nb);
			const bank = main.getByRole('group', { name: 'Ord du kan bruke' });
			for (const word of sentenceTiles(item.nb)) await bank.getByRole('button', { name: word, exact: true }).first().click();
			await page.getByRole('button', { name: 'Sjekk' }).click();
			break;
		}
		case 'fill-gap': {
			const sentence = (await main.locator('.sentence').innerText()).replace(/\s+/g, ' ');
			const item = allItems.find((i) => {
				const g = findGap(i);
				return g && sentence.startsWith(g.before.trim()) && sentence.trim().endsWith(g.after.trim()) && i.example.length >= sentence.length - 12;
			})!;
			items.push(item.nb);
			await main.getByRole('group').getByRole('button', { name: findGap(item)!.gap, exact: true }).click();
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
					.filter({ has: page.locator('span[lang]', { hasText: exact(meaning(byNorwegian(nb.trim()))) }) })
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
		default:
			throw new Error(`unknown exercise ${kind}`);
	}
	return { kind, items };
}

/** Answers every exercise until the summary; returns what each step was. */
export async function finishSession(page: Page, { wrongFirst = false } = {}): Promise<Answered[]> {
	const steps: Answered[] = [];
	const main = page.locator('main[data-phase]');
	for (let i = 0; i < 80; i++) {
		const phase = await main.getAttribute('data-phase');
		if (phase === 'summary') return steps;
		if (phase === 'loading') {
			await page.waitForTimeout(50);
			continue;
		}
		steps.push(await answerCurrent(page, { wrong: wrongFirst && i === 0 }));
		const feedback = page.getByTestId('feedback');
		await expect(feedback).toBeVisible();
		await feedback.getByRole('button', { name: 'Fortsett' }).click();
	}
	throw new Error('session did not end');
}
