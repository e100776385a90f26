/** The participant app in Chromium: what the first screen loads, and writes to IndexedDB. */
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { freePort, startServer } from '../e2e/server';
import { installFakeSpeech } from '../e2e/fake-speech';
import { localStoreBundle } from '../e2e/local-store-bundle';
import { finishSession } from '../e2e/practice-solver';
import { isSafetyItem } from '../../src/lib/content/summary';
import type { PhraseSet } from '../../src/lib/content/schema';
import { kb, median, ms, p95, type BenchContext, type BenchSection } from './report';

type Loaded = { url: string; type: string; raw: number; gz: number };

/**
 * Counts the scripts and stylesheets a page loads from now on (each file once, gzipped at level 9).
 * `firstScreen()` sums those requested before the app marked its first screen as shown
 * (`an:first-screen`, src/lib/idle.ts); `all()` sums everything loaded so far.
 */
function countLoads(page: Page) {
	const loaded: Promise<Loaded | null>[] = [];
	const seen = new Set<string>();
	page.on('response', (res) => {
		const type = res.request().resourceType();
		if ((type !== 'script' && type !== 'stylesheet') || seen.has(res.url())) return;
		seen.add(res.url());
		loaded.push(res.body().then((body) => ({ url: res.url(), type, raw: body.length, gz: gzipSync(body, { level: 9 }).length }), () => null));
	});
	const sum = (files: Loaded[]) => {
		const of = (type: string) => files.filter((f) => f.type === type);
		return {
			files: files.length,
			js: of('script').reduce((n, f) => n + f.raw, 0),
			jsGz: of('script').reduce((n, f) => n + f.gz, 0),
			css: of('stylesheet').reduce((n, f) => n + f.raw, 0),
			cssGz: of('stylesheet').reduce((n, f) => n + f.gz, 0)
		};
	};
	const files = async () => (await Promise.all([...loaded])).filter((f): f is Loaded => !!f);
	return {
		all: async () => sum(await files()),
		firstScreen: async () => {
			await page.waitForFunction(() => performance.getEntriesByName('an:first-screen').length > 0);
			const before = await page.evaluate(() => {
				const shown = performance.getEntriesByName('an:first-screen')[0]!.startTime;
				return performance
					.getEntriesByType('resource')
					.filter((r) => r.startTime <= shown)
					.map((r) => r.name);
			});
			const wanted = new Set(before);
			return sum((await files()).filter((f) => wanted.has(f.url)));
		}
	};
}

/** Chooses Norwegian on the language screen: the learner then lands on Today. */
async function becomeLearner(page: Page, url: string) {
	await page.goto(url + '/language');
	await page.locator('button[data-lang="nb"]').click();
	await page.waitForURL(url + '/');
	await page.getByRole('heading', { level: 1 }).waitFor();
}

/**
 * What the first screen needs, on an empty cache and with no service worker: the language screen
 * for a new learner, and Today for a returning one (IndexedDB kept, HTTP cache cleared).
 */
async function initialLoad(browser: Browser, url: string) {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
	const page = await context.newPage();
	let loads = countLoads(page);
	let t = performance.now();
	await page.goto(url + '/language');
	await page.locator('button[data-lang]').first().waitFor();
	const languageShown = performance.now() - t;
	const language = await loads.firstScreen();
	await page.waitForLoadState('networkidle');
	const visit = await loads.all();
	await page.locator('button[data-lang="nb"]').click();
	await page.waitForURL(url + '/');
	await page.waitForLoadState('networkidle');
	await (await context.newCDPSession(page)).send('Network.clearBrowserCache');
	loads = countLoads(page);
	t = performance.now();
	await page.goto(url + '/');
	await page.getByRole('button', { name: /Start med det viktigste/ }).waitFor();
	const todayShown = performance.now() - t;
	const today = await loads.firstScreen();
	await context.close();
	return { language, languageShown, today, todayShown, visit };
}

async function reviewWrites(browser: Browser, url: string, code: string) {
	// The app's CSP rightly refuses injected scripts; the benchmark page is allowed them.
	const context = await browser.newContext({ bypassCSP: true });
	const page = await context.newPage();
	await page.goto(url + '/offline');
	await page.addScriptTag({ content: code, type: 'module' });
	await page.waitForFunction(() => '__bench' in window);
	const result = await page.evaluate(async () => {
		type Bench = { LocalDatabase: new (name: string) => any; recordReview: (db: any, e: any, s: boolean) => Promise<unknown> };
		const { LocalDatabase, recordReview } = (window as unknown as { __bench: Bench }).__bench;
		const db = new LocalDatabase('bench-' + Math.random());
		const ours: number[] = [];
		const raw: number[] = [];
		const t0 = Date.now();
		for (let i = 0; i < 300; i++) {
			const event = { id: `0192${String(i).padStart(8, '0')}-0000-7000-8000-000000000000`, itemId: `set.item-${i % 50}`, direction: 'recognise', kind: 'listen-choose', grade: 3, at: t0 + i * 60_000, durationMs: 2000, deviceId: 'bench' };
			let t = performance.now();
			await recordReview(db, event, false);
			ours.push(performance.now() - t);
			// The floor: one plain put in its own transaction, same database, same run.
			t = performance.now();
			await db.table('settings').put({ key: `raw-${i}`, value: event });
			raw.push(performance.now() - t);
		}
		return { ours, raw };
	});
	await context.close();
	return { median: median(result.ours), p95: p95(result.ours), rawMedian: median(result.raw) };
}

/** Lighthouse's default (mobile, simulated slow 4G and 4× CPU) on a learn route, in Debian Chromium. */
async function lighthouseRun(port: number, url: string, keepStorage: boolean) {
	const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'], disableStorageReset: keepStorage });
	const lhr = result!.lhr;
	const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
	const failed = Object.values(lhr.audits)
		.filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
		.map((a) => a.id);
	return {
		performance: score('performance'),
		accessibility: score('accessibility'),
		bestPractices: score('best-practices'),
		lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
		tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
		failed
	};
}

async function lighthouseRuns(url: string) {
	const port = await freePort();
	const profile = mkdtempSync(join(tmpdir(), 'an-lh-'));
	const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`], viewport: { width: 390, height: 844 } });
	try {
		const language = await lighthouseRun(port, url + '/language', false);
		// A returning learner: IndexedDB kept, but no service worker and an empty HTTP cache, so the
		// figures are for a cold load of Today, not for the cached app.
		const page = await context.newPage();
		await becomeLearner(page, url);
		const cdp = await context.newCDPSession(page);
		await cdp.send('Storage.clearDataForOrigin', { origin: url, storageTypes: 'service_workers,cache_storage' });
		await cdp.send('Network.clearBrowserCache');
		await page.close();
		const today = await lighthouseRun(port, url + '/', true);
		return { language, today };
	} finally {
		await context.close();
	}
}

/** Service worker warm, network off, CPU 4× slower: from navigation to Today's plan on screen. */
async function offlineStart(browser: Browser, url: string) {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await becomeLearner(page, url);
	await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
		return reg.active?.state;
	});
	await page.getByRole('button', { name: /Start med det viktigste/ }).click();
	await page.getByTestId('due-count').waitFor();
	await context.setOffline(true);
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	const times: number[] = [];
	for (let i = 0; i < 7; i++) {
		const t = performance.now();
		await page.goto(url + '/', { waitUntil: 'commit' });
		await page.getByTestId('due-count').waitFor();
		times.push(performance.now() - t);
	}
	await context.close();
	return { median: median(times), max: Math.max(...times) };
}

/**
 * A year of practice: 30,000 answers over every built-in set, stored through the app's own
 * code for answers pulled from another phone. Then Today, a new session and the step from one
 * exercise to the next, read from the app's User Timing marks (src/lib/timing.ts).
 */
async function yearOfPractice(browser: Browser, url: string, code: string) {
	const packs = join(import.meta.dirname, '..', '..', 'static', 'packs');
	const sets = (JSON.parse(readFileSync(join(packs, 'index.json'), 'utf8')) as { sets: { id: string }[] }).sets.map((s) => s.id);
	const items = sets.flatMap((id) => (JSON.parse(readFileSync(join(packs, `${id}.json`), 'utf8')) as PhraseSet).items.map((i) => ({ id: i.id, safety: isSafetyItem(i) })));
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
	// tsx (esbuild, keepNames) wraps named functions in __name(); give the page one so that the
	// e2e fake-speech init script runs here as it does under Playwright's test runner.
	await context.addInitScript({ content: 'window.__name = (f) => f;' });
	await installFakeSpeech(context);
	const page = await context.newPage();
	await becomeLearner(page, url);
	await page.addScriptTag({ content: code, type: 'module' });
	await page.waitForFunction(() => '__bench' in window);
	const seeded = await page.evaluate(
		async ({ items, sets }) => {
			type Bench = { LocalDatabase: new () => any; recordRemoteReviews: (db: any, e: any[], s: (id: string) => boolean) => Promise<void> };
			const { LocalDatabase, recordRemoteReviews } = (window as unknown as { __bench: Bench }).__bench;
			const db = new LocalDatabase();
			const safety = new Set(items.filter((i) => i.safety).map((i) => i.id));
			const year = 365 * 86_400_000;
			const start = Date.now() - year;
			const events = Array.from({ length: 30_000 }, (_, n) => {
				const item = items[n % items.length]!;
				const at = start + Math.floor((n / 30_000) * year);
				return { id: `0190${n.toString(16).padStart(8, '0')}-0000-7000-8000-000000000000`, itemId: item.id, direction: n % 3 ? 'recognise' : 'produce', kind: 'listen-choose', grade: n % 11 ? 3 : 1, at, durationMs: 2500, deviceId: 'other-phone' };
			});
			const t = performance.now();
			await recordRemoteReviews(db, events, (id) => safety.has(id));
			const ms = performance.now() - t;
			await db.settings.put({ key: 'learningSets', value: sets });
			return { reviews: await db.reviews.count(), cards: await db.cards.count(), ms };
		},
		{ items, sets }
	);
	const today: number[] = [];
	for (let i = 0; i < 7; i++) {
		await page.goto(url + '/');
		await page.getByTestId('due-count').waitFor();
		today.push(await page.evaluate(() => performance.getEntriesByName('an:today').at(-1)?.duration ?? NaN));
	}
	const session: number[] = [];
	let next: number[] = [];
	for (let i = 0; i < 3; i++) {
		await page.goto(url + '/practice');
		await page.locator('main[data-phase]:not([data-phase="loading"])').waitFor();
		session.push(await page.evaluate(() => performance.getEntriesByName('an:session').at(-1)?.duration ?? NaN));
		if (i === 0) {
			await finishSession(page);
			next = await page.evaluate(() => performance.getEntriesByName('an:next-exercise').map((e) => e.duration));
		}
	}
	await context.close();
	return { seeded, today: median(today), todayMax: Math.max(...today), session: median(session), next };
}

export async function bench(ctx: BenchContext): Promise<BenchSection> {
	const server = await startServer();
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	try {
		ctx.log('first screens');
		const load = await initialLoad(browser, server.url);
		ctx.log('Lighthouse');
		const lh = await lighthouseRuns(server.url);
		ctx.log('offline start');
		const offline = await offlineStart(browser, server.url);
		const code = await localStoreBundle();
		ctx.log('a year of practice');
		const year = await yearOfPractice(browser, server.url, code);
		ctx.log('IndexedDB writes');
		const writes = await reviewWrites(browser, server.url, code);
		const worstJs = Math.max(load.language.jsGz, load.today.jsGz);
		const lhMet = (r: typeof lh.language) => r.performance >= 95 && r.accessibility === 100 && r.bestPractices >= 95;
		const lhRow = (route: string, r: typeof lh.language) => ({
			what: `Lighthouse, mobile profile: ${route}`,
			figure: `performance ${r.performance}, accessibility ${r.accessibility}, best practices ${r.bestPractices} (LCP ${ms(r.lcp)}, TBT ${ms(r.tbt)})${r.failed.length ? `; failing: ${r.failed.join(', ')}` : ''}`,
			goal: '≥ 95, 100, ≥ 95',
			met: lhMet(r)
		});
		const nextMedian = year.next.length ? median(year.next) : NaN;
		const nextMax = year.next.length ? Math.max(...year.next) : NaN;
		return {
			title: 'Participant app',
			rows: [
				{ what: 'Initial JavaScript, gzipped: the language screen (new learner)', figure: `${kb(load.language.jsGz)} KB (${kb(load.language.js)} KB raw, ${load.language.files} files)`, goal: '≤ 100 KB', met: load.language.jsGz <= 100 * 1024 },
				{ what: 'Initial JavaScript, gzipped: Today (returning learner, empty cache)', figure: `${kb(load.today.jsGz)} KB (${kb(load.today.js)} KB raw, ${load.today.files} files)`, goal: '≤ 100 KB', met: load.today.jsGz <= 100 * 1024 },
				{ what: '… all JavaScript of the first visit until the network is idle (lazy chunks: sync, update prompt)', figure: `${kb(load.visit.jsGz)} KB`, goal: '—', met: null },
				{ what: 'Initial CSS of the first screen, gzipped', figure: `${kb(load.language.cssGz)} KB (${kb(load.language.css)} KB raw)`, goal: '—', met: null },
				lhRow('/language (new learner)', lh.language),
				lhRow('/ Today (returning learner, cold cache)', lh.today),
				{ what: 'Offline start: service worker warm, offline, 4× CPU slowdown, navigation to Today with its plan on screen', figure: `median ${ms(offline.median)}, slowest ${ms(offline.max)} (7 runs)`, goal: '≤ 1 s', met: offline.median <= 1000 },
				{ what: `A year of practice (${year.seeded.reviews.toLocaleString('en')} answers, ${year.seeded.cards.toLocaleString('en')} cards in IndexedDB): Today's plan computed and rendered`, figure: `median ${ms(year.today)}, slowest ${ms(year.todayMax)}`, goal: '≤ 200 ms', met: year.today <= 200 },
				{ what: '… the next session built (cards read, session planned)', figure: `median ${ms(year.session)}`, goal: '≤ 200 ms', met: year.session <= 200 },
				{ what: '… from "Continue" to the next exercise in the DOM', figure: `median ${ms(nextMedian)}, slowest ${ms(nextMax)} (${year.next.length} steps)`, goal: '≤ 16 ms', met: nextMedian <= 16 },
				{ what: '… storing the 30,000 answers pulled from another phone (one transaction, each card replayed once)', figure: ms(year.seeded.ms), goal: '—', met: null },
				{ what: 'One review written to IndexedDB in Chromium (log + card + outbox, one transaction)', figure: `median ${ms(writes.median)}, p95 ${ms(writes.p95)}`, goal: 'median < 10 ms', met: writes.median < 10 },
				{ what: '… the same write divided by one plain IndexedDB put in the same run', figure: `${(writes.median / writes.rawMedian).toFixed(2)} × (plain put ${ms(writes.rawMedian)})`, goal: '—', met: null }
			],
			notes: [
				`**Initial JS/CSS**: a fresh Chromium context (no service worker, empty cache) opens the language screen a new learner sees, and, after choosing Norwegian and clearing the HTTP cache, Today; every script and stylesheet requested before the app marks its first screen as shown (\`an:first-screen\`: Today once its plan is on screen, other screens once mounted) is gzipped (level 9) and summed. Sync, ts-fsrs and the update check load after that mark, when the browser is idle (\`src/lib/idle.ts\`). On loopback the language screen showed after ${load.languageShown.toFixed(0)} ms and Today after ${load.todayShown.toFixed(0)} ms. The biggest parts are fixed: Dexie (~31 KB), the Svelte runtime (~21 KB), i18next (~16 KB) and SvelteKit's client (~13 KB); UI strings are fetched as JSON (not counted as JavaScript), and ts-fsrs loads only with practice and sync. Worst of the two: ${kb(worstJs)} KB.`,
				'**Lighthouse** 12 in Debian Chromium through its debugging port, default mobile settings (simulated slow 4G, 4× CPU). Today is measured with IndexedDB kept and the service worker and caches removed.',
				'**Offline start**: after the service worker has cached the app, the context goes offline and the page\'s CPU is slowed 4× (DevTools protocol); the time is from `goto` to Today\'s due count on screen, 7 runs.',
				"**A year of practice**: 30,000 answers over every built-in set (one a quarter of an hour or so for a year), stored with the app's `recordRemoteReviews`; then the app's own User Timing measures: `an:today` (Today's data read, plan built, DOM updated), `an:session` (the practice screen reading cards and building the session) and `an:next-exercise` (from the tap on Continue to the new exercise in the DOM, answering a whole session with the e2e solver). Not CPU-throttled.",
				"**Review write**: the app's own `recordReview` (Dexie transaction over reviews, cards and outbox) bundled by Vite and run in Chromium against real IndexedDB, 300 writes."
			]
		};
	} finally {
		await browser.close();
		await server.stop();
	}
}
