import { expect, test, type BrowserContext, type Page, type Route } from '@playwright/test';
import { installFakeSpeech } from './fake-speech';
import { localStoreBundle } from './local-store-bundle';
import { finishSession } from './practice-solver';
import { startServer, type RunningServer } from './server';

/**
 * Closing the tab at the worst moments. The phone's IndexedDB is read afterwards from a page of the
 * same origin that does not run the app (the web manifest), so the app cannot tidy up first.
 */
let server: RunningServer;
let bundle: string;
test.beforeAll(async () => {
	server = await startServer();
	bundle = await localStoreBundle();
});
test.afterAll(async () => {
	await server?.stop();
});

interface Stored {
	reviews: number;
	outbox: number;
	/** Cards whose repetition count differs from the number of answers logged for them. */
	inconsistentCards: string[];
	unqueued: number;
}

/** What the phone holds, read with plain IndexedDB. */
async function readPhone(context: BrowserContext): Promise<Stored> {
	const page = await context.newPage();
	await page.goto(server.url + '/manifest.webmanifest');
	const stored = await page.evaluate(
		() =>
			new Promise<Stored>((resolve, reject) => {
				const open = indexedDB.open('arbeidsnorsk');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(['reviews', 'outbox', 'cards'], 'readonly');
					const all = (name: string) => new Promise<any[]>((r) => (tx.objectStore(name).getAll().onsuccess = (e) => r((e.target as IDBRequest).result)));
					Promise.all([all('reviews'), all('outbox'), all('cards')]).then(([reviews, outbox, cards]) => {
						db.close();
						const perCard = new Map<string, number>();
						for (const r of reviews) perCard.set(`${r.itemId}|${r.direction}`, (perCard.get(`${r.itemId}|${r.direction}`) ?? 0) + 1);
						const queued = new Set(outbox.map((o: { id: string }) => o.id));
						resolve({
							reviews: reviews.length,
							outbox: outbox.length,
							inconsistentCards: cards.filter((c: { key: string; reps: number }) => c.reps !== perCard.get(c.key)).map((c: { key: string }) => c.key),
							unqueued: reviews.filter((r: { id: string }) => !queued.has(r.id)).length
						});
					}, reject);
				};
			})
	);
	await page.close();
	return stored;
}

async function newLearner(context: BrowserContext): Promise<Page> {
	const page = await context.newPage();
	await page.goto(server.url + '/');
	await page.locator('button[data-lang="nb"]').click();
	await page.getByRole('button', { name: 'Start med det viktigste' }).click();
	await page.evaluate(() => navigator.serviceWorker.ready);
	return page;
}

test('the tab closes while answers are being written: each answer is whole or absent, never half, never twice', async ({ browser }) => {
	const context = await browser.newContext();
	const first = await newLearner(context);
	await first.close();
	let written = 0;
	for (const [round, closeAfterMs] of [5, 20, 40, 70, 110].entries()) {
		const page = await context.newPage();
		await page.goto(server.url + '/manifest.webmanifest');
		await page.addScriptTag({ content: bundle, type: 'module' });
		await page.waitForFunction(() => '__bench' in window);
		// Answers written one after another, as fast as the phone can, until the tab is gone.
		void page
			.evaluate(async (round) => {
				type Local = { LocalDatabase: new () => any; recordReview: (db: any, e: any, s: boolean) => Promise<unknown> };
				const { LocalDatabase, recordReview } = (window as unknown as { __bench: Local }).__bench;
				const db = new LocalDatabase();
				for (let i = 0; i < 10_000; i++) {
					const id = `0193${round.toString(16).padStart(2, '0')}${i.toString(16).padStart(6, '0')}-0000-7000-8000-000000000000`;
					await recordReview(db, { id, itemId: `safety.item-${i % 7}`, direction: 'recognise', kind: 'listen-choose', grade: 3, at: Date.now(), durationMs: 900, deviceId: 'tab' }, true);
				}
			}, round)
			.catch(() => {});
		await page.waitForTimeout(closeAfterMs);
		await page.close();
		const stored = await readPhone(context);
		expect(stored.inconsistentCards).toEqual([]);
		// Every stored answer is queued for the server, and nothing else is.
		expect(stored.outbox).toBe(stored.reviews);
		expect(stored.unqueued).toBe(0);
		expect(stored.reviews).toBeGreaterThanOrEqual(written);
		written = stored.reviews;
	}
	expect(written).toBeGreaterThan(0);

	// The same answers written again (a retry after the crash) are stored once.
	const page = await context.newPage();
	await page.goto(server.url + '/manifest.webmanifest');
	await page.addScriptTag({ content: bundle, type: 'module' });
	await page.waitForFunction(() => '__bench' in window);
	await page.evaluate(async () => {
		type Local = { LocalDatabase: new () => any; recordReview: (db: any, e: any, s: boolean) => Promise<unknown> };
		const { LocalDatabase, recordReview } = (window as unknown as { __bench: Local }).__bench;
		const db = new LocalDatabase();
		for (const review of await db.reviews.toArray()) await recordReview(db, review, true);
	});
	await page.close();
	const retried = await readPhone(context);
	expect(retried.reviews).toBe(written);
	expect(retried.inconsistentCards).toEqual([]);
	await context.close();
});

test('the tab closes while a push is in flight: the outbox keeps every unacknowledged answer, and the next push stores each once', async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await installFakeSpeech(context);
	const page = await newLearner(context);
	await page.getByRole('link', { name: 'Meg' }).click();
	await page.getByLabel('Kode', { exact: true }).fill('demo-24');
	await page.getByLabel('Fornavnet ditt').fill('Tab');
	await page.getByRole('button', { name: 'Koble til' }).click();
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');

	// The server receives the push and stores it, but the answer never reaches the phone.
	let held: Route | undefined;
	let pushed = 0;
	const arrived = new Promise<void>((resolve) => {
		void page.route('**/api/sync', async (route) => {
			const body = route.request().postDataJSON() as { events: unknown[] };
			if (!body.events.length) return route.continue();
			pushed = body.events.length;
			await route.fetch();
			held = route;
			resolve();
		});
	});
	await page.getByRole('link', { name: 'I dag' }).click();
	await page.getByRole('link', { name: 'Øv nå' }).click();
	await finishSession(page);
	await arrived;
	expect(held).toBeDefined();
	await page.close();

	const afterClose = await readPhone(context);
	expect(afterClose.reviews).toBe(pushed);
	expect(afterClose.outbox).toBe(pushed);

	// Reopened: the app pushes again; the server already has them and stores none twice.
	const again = await context.newPage();
	await again.goto(server.url + '/me');
	await expect(again.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
	await expect.poll(async () => (await readPhone(context)).outbox).toBe(0);
	const exported = (await (await context.request.get(server.url + '/api/me/export')).json()) as { reviewEvents: { id: string }[] };
	expect(exported.reviewEvents).toHaveLength(pushed);
	expect(new Set(exported.reviewEvents.map((e) => e.id)).size).toBe(pushed);
	await context.close();
});
