/**
 * Renders the app icons (PNG) from static/favicon.svg with Chromium. Run by hand after the
 * logo changes: `npx tsx scripts/make-icons.ts`. The PNGs are committed.
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const svg = readFileSync(join(root, 'static', 'favicon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();

async function render(file: string, size: number, maskable: boolean) {
	// A maskable icon keeps its content inside the central 80% safe zone on a full-bleed background.
	const inner = maskable ? Math.round(size * 0.72) : size;
	const body = maskable ? svg.replace('rx="96"', 'rx="0"') : svg;
	await page.setViewportSize({ width: size, height: size });
	await page.setContent(
		`<html><body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${maskable ? '#0b5d5b' : 'transparent'}">` +
			`<div style="width:${inner}px;height:${inner}px">${body.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`
	);
	await page.screenshot({ path: join(root, 'static', 'icons', file), omitBackground: !maskable });
}

await render('icon-192.png', 192, false);
await render('icon-512.png', 512, false);
await render('maskable-512.png', 512, true);
await render('apple-touch-icon.png', 180, true);
await browser.close();
console.log('icons written to static/icons');
