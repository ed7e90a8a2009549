/**
 * npm run icons — the app's install icons, drawn from `static/favicon.svg` by the Chromium the
 * end-to-end tests already use (no image library, no native binaries). The PNGs are committed;
 * run this again only when the mark changes.
 *
 * - `icon-192.png`, `icon-512.png`: the mark as it is (rounded corners, transparent outside);
 * - `icon-maskable-512.png`: full bleed, for launchers that cut their own shape. The tick sits
 *   well inside the maskable safe zone (a circle of 40% of the width around the centre);
 * - `apple-touch-icon.png` (180): full bleed and opaque, as iOS rounds the corners itself and
 *   paints anything transparent black.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium } from './browser.js';

const favicon = readFileSync('static/favicon.svg', 'utf8');
const fullBleed = favicon.replace(/ rx="[\d.]+"/, '');
if (fullBleed === favicon)
	throw new Error(
		'static/favicon.svg has no rounded square (rx) any more: update scripts/icons.ts'
	);

// The tick's farthest point from the centre, stroke included, is 9.9 units of the 32-unit
// square; the safe zone's radius is 12.8. Checked here so a new mark cannot slip outside it.
const SAFE_ZONE_RADIUS = 0.4 * 32;
const path = /<path d="([^"]+)"[^>]*stroke-width="([\d.]+)"/.exec(favicon);
if (!path) throw new Error('static/favicon.svg has no stroked path: update scripts/icons.ts');
const points = [...path[1]!.matchAll(/([MLml])\s*([\d.]+)\s+([\d.]+)/g)];
let x = 0;
let y = 0;
let farthest = 0;
for (const [, command, dx, dy] of points) {
	const relative = command === 'l' || command === 'm';
	x = relative ? x + Number(dx) : Number(dx);
	y = relative ? y + Number(dy) : Number(dy);
	farthest = Math.max(farthest, Math.hypot(x - 16, y - 16) + Number(path[2]) / 2);
}
if (farthest > SAFE_ZONE_RADIUS)
	throw new Error(
		`The mark reaches ${farthest.toFixed(1)} of 32 from the centre: outside the safe zone`
	);

const ICONS = [
	{ file: 'static/icon-192.png', size: 192, svg: favicon },
	{ file: 'static/icon-512.png', size: 512, svg: favicon },
	{ file: 'static/icon-maskable-512.png', size: 512, svg: fullBleed },
	{ file: 'static/apple-touch-icon.png', size: 180, svg: fullBleed }
];

const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
try {
	const page = await browser.newPage({ deviceScaleFactor: 1 });
	for (const { file, size, svg } of ICONS) {
		await page.setViewportSize({ width: size, height: size });
		const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
		await page.setContent(
			`<body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body>`
		);
		await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
		const png = await page.screenshot({
			omitBackground: true,
			clip: { x: 0, y: 0, width: size, height: size }
		});
		writeFileSync(file, png);
		console.log(`${file}: ${size}×${size}, ${png.length} bytes`);
	}
} finally {
	await browser.close();
}
