/**
 * `npm run bench`: measures the participant app and writes docs/benchmarks.md.
 * Not part of `npm test`; it needs a production build (made here when missing).
 */
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { Rating } from 'ts-fsrs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { startServer } from '../e2e/server';
import { scheduleNext } from '../../src/lib/practice/scheduler';
import { buildSession, type LearningItem } from '../../src/lib/practice/session';
import type { CardState } from '../../src/lib/practice/card';

const root = join(import.meta.dirname, '..', '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

if (!existsSync(join(root, 'build', 'index.js'))) execSync('npm run build', { cwd: root, stdio: 'inherit' });

// 1. Scheduling: building the next session from N cards (pure, in Node).
function sessionBench(cardCount: number) {
	const now = Date.UTC(2026, 10, 23, 9);
	const items: LearningItem[] = Array.from({ length: cardCount / 2 }, (_, i) => ({ id: `set-${i % 40}.item-${i}`, setId: `set-${i % 40}`, safety: i % 10 === 0 }));
	const cards = new Map<string, CardState>();
	items.forEach((item, i) => {
		for (const direction of ['recognise', 'produce'] as const) {
			const card = scheduleNext(undefined, { itemId: item.id, direction, grade: Rating.Good, at: now - (i % 60) * 86_400_000 }, item.safety);
			cards.set(card.key, card);
		}
	});
	const times: number[] = [];
	for (let run = 0; run < 300; run++) {
		const t = performance.now();
		buildSession({ now, items, cards, introducedToday: 3, newPerDay: 10, maxSteps: 20 });
		times.push(performance.now() - t);
	}
	return { median: median(times), p95: p95(times) };
}

const session5k = sessionBench(5_000);
const session20k = sessionBench(20_000);

// 2. The participant app in Chromium.
const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const chromiumVersion = browser.version();

async function initialLoad() {
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
	await page.goto(server.url + '/language');
	await page.locator('button[data-lang]').first().waitFor();
	const shown = performance.now() - t;
	// What the first screen needed, then what the visit loaded in the background after it.
	const initial = await sum([...loaded]);
	await page.waitForLoadState('networkidle');
	const visit = await sum(loaded);
	await context.close();
	return { ...initial, shown, visitJsGz: visit.jsGz, visitFiles: visit.files };
}
const load = await initialLoad();

async function reviewWrites() {
	const bundle = await build({
		configFile: false,
		logLevel: 'silent',
		build: { write: false, lib: { entry: join(import.meta.dirname, 'browser-bundle.ts'), formats: ['es'], fileName: 'bench' }, minify: true }
	});
	const output = (Array.isArray(bundle) ? bundle[0]! : bundle) as { output: { code?: string }[] };
	const code = output.output[0]!.code!;
	// The app's CSP rightly refuses injected scripts; the benchmark page is allowed them.
	const context = await browser.newContext({ bypassCSP: true });
	const page = await context.newPage();
	await page.goto(server.url + '/offline');
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
const writes = await reviewWrites();
await browser.close();
await server.stop();

const row = (what: string, figure: string, goal: string, ok: boolean) => `| ${what} | ${figure} | ${goal} | ${ok ? 'met' : '**missed**'} |`;
const md = `# Benchmarks

Written by \`npm run bench\` (tests/bench/run.ts). Re-run it after a change that could touch these figures.

- Date: ${new Date().toISOString()}
- Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Chromium ${chromiumVersion}

## Participant app

| what | figure | goal | |
|---|---|---|---|
${row('Initial JavaScript of the first screen, gzipped', `${kb(load.jsGz)} KB (${kb(load.js)} KB raw)`, '≤ 120 KB', load.jsGz <= 120 * 1024)}
${row('… all JavaScript of the first visit, lazy chunks included (update prompt, sync, language)', `${kb(load.visitJsGz)} KB`, '—', true)}
${row('Initial CSS of the first screen, gzipped', `${kb(load.cssGz)} KB (${kb(load.css)} KB raw)`, '—', true)}
${row('Building the next session from 5,000 cards', `median ${session5k.median.toFixed(2)} ms, p95 ${session5k.p95.toFixed(2)} ms`, 'median < 5 ms', session5k.median < 5)}
${row('Building the next session from 20,000 cards', `median ${session20k.median.toFixed(2)} ms, p95 ${session20k.p95.toFixed(2)} ms`, 'median ≤ 20 ms', session20k.median <= 20)}
${row('One review written to IndexedDB in Chromium (log + card + outbox, one transaction)', `median ${writes.median.toFixed(2)} ms, p95 ${writes.p95.toFixed(2)} ms`, 'median < 10 ms', writes.median < 10)}
${row('… the same write divided by one plain IndexedDB put in the same run', `${(writes.median / writes.rawMedian).toFixed(2)} × (plain put ${writes.rawMedian.toFixed(2)} ms)`, '—', true)}

How each is measured:
- **Initial JS/CSS**: a fresh Chromium context (no service worker, empty cache) opens the first screen a new learner sees; every script and stylesheet loaded until that screen is shown is gzipped (level 9) and summed (${load.files} files; on screen after ${load.shown.toFixed(0)} ms on loopback). The second row adds what loads in the background afterwards until the network is idle (${load.visitFiles} files).
- **Session building**: \`buildSession\` over a synthetic learner with N cards (half recognise, half produce, due dates spread over 60 days), 300 runs in Node.
- **Review write**: the app's own \`recordReview\` (Dexie transaction over reviews, cards and outbox) bundled by Vite and run in Chromium against real IndexedDB, 300 writes.
`;
writeFileSync(join(root, 'docs', 'benchmarks.md'), md);
console.log(md);
