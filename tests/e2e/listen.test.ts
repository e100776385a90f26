import { expect, test } from '@playwright/test';
import { installFakeSpeech, spokenTexts } from './fake-speech';
import { chooseLanguage, expectNoViolations, useServer } from './harness';

const server = useServer({ speech: false });

test('"hear the difference": minimal pairs chosen for a Somali speaker, each answer a review', async ({ page, context }) => {
	await installFakeSpeech(context);
	await chooseLanguage(page, server().url, 'so');
	await page.locator('main button.primary').click();
	await page.getByTestId('listen-link').click();
	await expect(page.getByTestId('listen')).toBeVisible();
	// p – b first for Somali (no /p/ in Somali).
	await expect(page.getByTestId('listen')).toContainText('p – b');
	await expectNoViolations(page, 'listen (so)');
	const played: string[] = [];
	for (let i = 0; i < 8; i++) {
		await expect.poll(async () => (await spokenTexts(page)).length).toBeGreaterThan(0);
		const heard = (await spokenTexts(page)).at(-1)!;
		played.push(heard);
		// Wrong on purpose once: the feedback names the word that was played.
		const options = await page.locator('.option').evaluateAll((els) => els.map((e) => e.getAttribute('data-word')!));
		const pick = i === 1 ? options.find((o) => o !== heard)! : heard;
		await page.locator(`.option[data-word="${pick}"]`).click();
		await expect(page.getByTestId('pair-feedback')).toContainText(i === 1 ? heard : '✅');
		if (i === 0) await page.screenshot({ path: 'test-results/screenshots/listen-so.png' });
		await page.getByTestId('pair-feedback').locator('button.primary').click();
	}
	await expect(page.getByTestId('listen-done')).toContainText('7');
	// The round mixes the contrasts; the third is consonant clusters: kvittering or "kaffitering".
	expect(['kvittering', 'kaffitering']).toContain(played[2]);
	const kinds = await page.evaluate(
		() =>
			new Promise<string[]>((resolve) => {
				const open = indexedDB.open('arbeidsnorsk');
				open.onsuccess = () => {
					const req = open.result.transaction('reviews').objectStore('reviews').getAll();
					req.onsuccess = () => resolve((req.result as { kind: string; itemId: string }[]).map((r) => `${r.kind} ${r.itemId}`));
				};
			})
	);
	expect(kinds.filter((k) => k.startsWith('minimal-pair pairs.'))).toHaveLength(8);
});
