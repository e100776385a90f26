import { expect, test } from '@playwright/test';
import { installFakeSpeech } from './fake-speech';
import { finishSession } from './practice-solver';
import { startServer } from './server';

const DAY = 86_400_000;

test('over two weeks reviews come back when due and every kind of exercise of the starter sets is used', async ({ page, context }) => {
	test.setTimeout(240_000);
	await installFakeSpeech(context);
	const server = await startServer();
	const start = new Date('2026-11-02T07:30:00');
	await page.clock.install({ time: start });
	await page.goto(server.url + '/');
	await page.locator('button[data-lang="nb"]').click();
	await page.getByRole('button', { name: 'Start med det viktigste' }).click();

	const seen = new Set<string>();
	const dueByDay: number[] = [];
	for (const day of [0, 1, 2, 4, 7, 10, 14]) {
		await page.clock.setSystemTime(new Date(start.getTime() + day * DAY));
		await page.goto(server.url + '/');
		await expect(page.getByTestId('due-count')).toBeVisible();
		dueByDay.push(Number(await page.getByTestId('due-count').locator('.number').innerText()));
		const practise = page.getByRole('link', { name: 'Øv nå' });
		if (!(await practise.count())) continue;
		await practise.click();
		for (const step of await finishSession(page)) seen.add(step.kind);
		if (seen.size === 8) break;
	}
	expect(dueByDay[0]).toBe(0);
	expect(Math.max(...dueByDay.slice(1))).toBeGreaterThan(0);
	// The seven phrase kinds, and the dialogues of the starter sets.
	expect([...seen].sort()).toEqual(['build-sentence', 'dialogue', 'fill-gap', 'listen-choose', 'match-pairs', 'meaning-choose', 'say-it', 'type-heard']);

	// Every answer is in the log with its kind, grade and duration.
	const reviews = await page.evaluate(
		() =>
			new Promise<{ kind: string; grade: number; durationMs: number; id: string }[]>((resolve, reject) => {
				const open = indexedDB.open('arbeidsnorsk');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('reviews').objectStore('reviews').getAll();
					req.onsuccess = () => resolve(req.result);
				};
			})
	);
	expect(new Set(reviews.map((r) => r.kind))).toEqual(seen);
	expect(reviews.every((r) => r.grade >= 1 && r.grade <= 4 && r.durationMs >= 0 && /^[0-9a-f-]{36}$/.test(r.id))).toBe(true);
	await server.stop();
});
