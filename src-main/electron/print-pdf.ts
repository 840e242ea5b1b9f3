// Report PDFs in the desktop app: Chromium's own printer (webContents.printToPDF) in a hidden window
// that runs no script, reaches no network and lives only while one report prints. The report holds
// hostile log text; escaped as it is, this window is the second wall.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Session, session } from 'electron';
import { PDF_MARGINS_MM, type PrintToPdf } from '../core/reports/pdf.js';
import { denyPermissions } from './lockdown.js';
import { createPrintWindow } from './window.js';

/** In memory (no `persist:`): no cookie, cache or storage shared with the app window or kept on disk. */
export const PRINT_PARTITION = 'vigil-print';

const inches = (mm: number) => mm / 25.4;

/**
 * The print session, set up once: the only requests a report may make are for its own file (being
 * printed right now) and inline `data:` images; everything else is cancelled before it leaves.
 */
function printSession(printing: Set<string>): Session {
  const printSession = session.fromPartition(PRINT_PARTITION);
  denyPermissions(printSession);
  printSession.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !(printing.has(details.url) || details.url.startsWith('data:')) }),
  );
  return printSession;
}

/**
 * The printer createCore gets in the desktop app. The page goes through a private temporary file,
 * not a data: URL, because Chromium caps URLs at 2 MB and a report with its sessions table is bigger.
 */
export function electronPrintToPdf(): PrintToPdf {
  const printing = new Set<string>();
  let shared: Session | null = null;
  return async (html) => {
    shared ??= printSession(printing);
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'vigil-print-'));
    const file = path.join(dir, 'report.html');
    const url = pathToFileURL(file).href;
    const window = createPrintWindow(shared);
    try {
      await fs.promises.writeFile(file, html, { mode: 0o600 });
      printing.add(url);
      await window.loadURL(url);
      return await window.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        margins: {
          top: inches(PDF_MARGINS_MM.top),
          bottom: inches(PDF_MARGINS_MM.bottom),
          left: inches(PDF_MARGINS_MM.left),
          right: inches(PDF_MARGINS_MM.right),
        },
      });
    } finally {
      printing.delete(url);
      if (!window.isDestroyed()) window.destroy();
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  };
}
