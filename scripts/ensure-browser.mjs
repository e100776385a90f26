// Makes sure the Debian tools the tests use are installed: Chromium for the browser tests
// (Playwright must not download one), an emoji font for faithful screenshots, and Hunspell
// with the bokmål dictionary for the spelling check.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const needed = [
	[chromium, 'chromium'],
	['/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf', 'fonts-noto-color-emoji'],
	['/usr/bin/hunspell', 'hunspell'],
	['/usr/share/hunspell/nb_NO.dic', 'hunspell-no']
].filter(([path]) => !existsSync(path));
const packages = needed.map(([, pkg]) => pkg).filter((p) => !(p === 'chromium' && process.env.CHROMIUM_PATH));
if (!packages.length) process.exit(0);

console.log(`Installing Debian packages for the tests: ${packages.join(' ')}…`);
const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
try {
	execSync(`${sudo}apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${sudo}apt-get install -y -qq ${packages.join(' ')}`, { stdio: 'inherit' });
} catch {
	console.error(`Could not install ${packages.join(' ')}. Install them with apt-get (or set CHROMIUM_PATH).`);
	process.exit(1);
}
