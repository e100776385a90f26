import { execFileSync, execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary, root } from '../../../scripts/content-library';
import { norwegianTexts } from '../../../scripts/norwegian-text';

/** Hunspell with the bokmål dictionary (Debian hunspell + hunspell-no), installed when missing. */
function ensureHunspell() {
	if (existsSync('/usr/bin/hunspell') && existsSync('/usr/share/hunspell/nb_NO.dic')) return;
	execSync('node scripts/ensure-browser.mjs', { cwd: root, stdio: 'inherit' });
}

/** Real words Hunspell does not know (names, brands, trade terms), each file with `# why` notes. */
function allowList(): Set<string> {
	const dir = join(root, 'content', 'spelling');
	return new Set(
		readdirSync(dir)
			.filter((f) => f.endsWith('.txt'))
			.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
			.map((l) => l.trim())
			.filter((l) => l && !l.startsWith('#'))
			.map((w) => w.toLocaleLowerCase('nb'))
	);
}

describe('Norwegian spelling', () => {
	it('every Norwegian string in the library passes a bokmål spell check (or is on the allow-list)', () => {
		ensureHunspell();
		const texts = norwegianTexts(loadLibrary());
		const input = texts.map((t) => t.text.replace(/\n/g, ' ')).join('\n');
		const unknown = execFileSync('hunspell', ['-d', 'nb_NO', '-i', 'utf-8', '-l'], { input, encoding: 'utf8' })
			.split('\n')
			.filter(Boolean);
		const allowed = allowList();
		const misspelt = [...new Set(unknown)].filter((w) => !allowed.has(w.toLocaleLowerCase('nb')));
		const report = misspelt.map((w) => `${w} (${texts.find((t) => t.text.includes(w))?.where ?? '?'})`);
		console.log(`spelling: ${texts.length} strings checked, ${new Set(unknown).size} words on the allow-list or unknown`);
		expect(report).toEqual([]);
	});

	it('catches a misspelling, so the check can fail', () => {
		ensureHunspell();
		const out = execFileSync('hunspell', ['-d', 'nb_NO', '-i', 'utf-8', '-l'], { input: 'Jeg forstår ikke kvitering', encoding: 'utf8' });
		expect(out.trim()).toBe('kvitering');
	});
});
