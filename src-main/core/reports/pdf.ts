// PDF of a report. The Electron app passes its own printer (webContents.printToPDF); the CLI and
// serve mode print with headless Chromium through playwright-core, loaded only when needed.
import fs from 'node:fs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

export type PrintToPdf = (html: string) => Promise<Uint8Array>;

/** A4 with these margins (millimetres) whichever printer runs, so both PDFs look alike. */
export const PDF_MARGINS_MM = { top: 12, bottom: 12, left: 10, right: 10 } as const;

export const CHROMIUM_MISSING =
  'PDF export needs Chromium: apt-get install chromium, or use the HTML report.';

/** Prints with headless Chromium at `executable` (default: --chromium, VIGIL_CHROMIUM, /usr/bin/chromium). */
export function chromiumPrinter(executable?: string): PrintToPdf {
  return async (html) => {
    const browserPath = chromiumPath(executable);
    // Checked first: playwright's own error for a missing browser suggests downloading one.
    if (!fs.existsSync(browserPath))
      throw new Error(
        `${CHROMIUM_MISSING} (No browser at ${browserPath}; --chromium PATH or VIGIL_CHROMIUM names another.)`,
      );
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: browserPath, args: [...CHROMIUM_ARGS] });
    try {
      // The report needs no script and no network: both are off while it is printed.
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      const mm = (n: number) => `${n}mm`;
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        margin: {
          top: mm(PDF_MARGINS_MM.top),
          bottom: mm(PDF_MARGINS_MM.bottom),
          left: mm(PDF_MARGINS_MM.left),
          right: mm(PDF_MARGINS_MM.right),
        },
      });
    } finally {
      await browser.close();
    }
  };
}

export const chromiumPrintToPdf: PrintToPdf = (html) => chromiumPrinter()(html);
