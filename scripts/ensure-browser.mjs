// Makes sure Debian's Chromium is installed for the browser tests (Playwright must not download one).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The emoji font makes screenshots show what a phone shows (phones ship one).
const emojiFont = '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf';
if (existsSync(path) && (process.env.CHROMIUM_PATH || existsSync(emojiFont))) process.exit(0);

console.log(`Chromium not found at ${path}; installing the Debian package "chromium"…`);
const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
try {
	execSync(`${sudo}apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${sudo}apt-get install -y -qq chromium fonts-noto-core fonts-noto-color-emoji`, {
		stdio: 'inherit'
	});
} catch {
	console.error('Could not install Chromium. Install it yourself (apt-get install chromium) or set CHROMIUM_PATH.');
	process.exit(1);
}
