/** The participant app in Chromium: what the first screen loads, and writes to IndexedDB. */
import { chromium, type Browser } from '@playwright/test';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { startServer } from '../e2e/server';
import { kb, median, ms, p95, type BenchContext, type BenchSection } from './report';

async function initialLoad(browser: Browser, url: string) {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
	const page = await context.newPage();
	type Loaded = { type: string; raw: number; gz: number };
	const loaded: Promise<Loaded | null>[] = [];
	const seen = new Set<string>();
	page.on('response', (res) => {
		const type = res.request().resourceType();
		if ((type !== 'script' && type !== 'stylesheet') || seen.has(res.url())) return;
		seen.add(res.url());
		loaded.push(res.body().then((body) => ({ type, raw: body.length, gz: gzipSync(body, { level: 9 }).length }), () => null));
	});
	const sum = async (list: Promise<Loaded | null>[]) => {
		const files = (await Promise.all(list)).filter((f): f is Loaded => !!f);
		const of = (type: string) => files.filter((f) => f.type === type);
		return {
			files: files.length,
			js: of('script').reduce((n, f) => n + f.raw, 0),
			jsGz: of('script').reduce((n, f) => n + f.gz, 0),
			css: of('stylesheet').reduce((n, f) => n + f.raw, 0),
			cssGz: of('stylesheet').reduce((n, f) => n + f.gz, 0)
		};
	};
	const t = performance.now();
	await page.goto(url + '/language');
	await page.locator('button[data-lang]').first().waitFor();
	const shown = performance.now() - t;
	// What the first screen needed, then what the visit loaded in the background after it.
	const initial = await sum([...loaded]);
	await page.waitForLoadState('networkidle');
	const visit = await sum(loaded);
	await context.close();
	return { ...initial, shown, visitJsGz: visit.jsGz, visitFiles: visit.files };
}

/** The app's real local-store code bundled for the browser, to run against real IndexedDB. */
async function browserBundle(): Promise<string> {
	const bundle = await build({
		configFile: false,
		logLevel: 'silent',
		build: { write: false, lib: { entry: join(import.meta.dirname, 'browser-bundle.ts'), formats: ['es'], fileName: 'bench' }, minify: true }
	});
	const output = (Array.isArray(bundle) ? bundle[0]! : bundle) as { output: { code?: string }[] };
	return output.output[0]!.code!;
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

export async function bench(ctx: BenchContext): Promise<BenchSection> {
	const server = await startServer();
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	try {
		ctx.log('first screen');
		const load = await initialLoad(browser, server.url);
		ctx.log('IndexedDB writes');
		const code = await browserBundle();
		const writes = await reviewWrites(browser, server.url, code);
		return {
			title: 'Participant app',
			rows: [
				{ what: 'Initial JavaScript of the first screen, gzipped', figure: `${kb(load.jsGz)} KB (${kb(load.js)} KB raw)`, goal: '≤ 100 KB', met: load.jsGz <= 100 * 1024 },
				{ what: '… all JavaScript of the first visit, lazy chunks included', figure: `${kb(load.visitJsGz)} KB`, goal: '—', met: null },
				{ what: 'Initial CSS of the first screen, gzipped', figure: `${kb(load.cssGz)} KB (${kb(load.css)} KB raw)`, goal: '—', met: null },
				{ what: 'One review written to IndexedDB in Chromium (log + card + outbox, one transaction)', figure: `median ${ms(writes.median)}, p95 ${ms(writes.p95)}`, goal: 'median < 10 ms', met: writes.median < 10 },
				{ what: '… the same write divided by one plain IndexedDB put in the same run', figure: `${(writes.median / writes.rawMedian).toFixed(2)} × (plain put ${ms(writes.rawMedian)})`, goal: '—', met: null }
			],
			notes: [
				`**Initial JS/CSS**: a fresh Chromium context (no service worker, empty cache) opens the first screen a new learner sees; every script and stylesheet loaded until that screen is shown is gzipped (level 9) and summed (${load.files} files; on screen after ${load.shown.toFixed(0)} ms on loopback). The second row adds what loads in the background afterwards until the network is idle (${load.visitFiles} files).`,
				'**Review write**: the app\'s own `recordReview` (Dexie transaction over reviews, cards and outbox) bundled by Vite and run in Chromium against real IndexedDB, 300 writes.'
			]
		};
	} finally {
		await browser.close();
		await server.stop();
	}
}
