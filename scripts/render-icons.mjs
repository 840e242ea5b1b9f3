// Renders resources/icons/icon.svg to the PNG sizes electron-builder wants (icon.png at 1024 for
// macOS and Windows, NxN.png for Linux), with Debian's Chromium. Run after changing the SVG; the
// PNGs are checked in so packaging needs no browser.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  for (const size of [1024, 512, 256, 128, 64, 48, 32, 16]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    const png = await page.screenshot({ omitBackground: true });
    fs.writeFileSync(path.join(dir, size === 1024 ? 'icon.png' : `${size}x${size}.png`), png);
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`vigil: icons written to ${path.relative(process.cwd(), dir)}`);
