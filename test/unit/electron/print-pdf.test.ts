// Report PDFs in the desktop app: the core prints through Electron's printToPDF, in a hidden window
// that runs no script, reaches nothing but its own page and is gone (with its file) afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRINT_PARTITION } from '../../../src-main/electron/print-pdf.js';
import { operations } from '../../../src-shared/api.js';
import { BrowserWindow, session } from '../../fakes/electron.js';
import { createTempDirs } from '../../helpers/temp.js';
import { desktopHarness } from './harness.js';

const launch = desktopHarness();
const tempDir = createTempDirs();

/** A case with a title worth finding in the printed page. */
async function caseTitled(launched: Awaited<ReturnType<typeof launch>>, title: string): Promise<number> {
  const args = operations.createCase.args.parse({ title, ips: ['203.0.113.9'] });
  return (await launched.desktop.core.service.createCase(args)).case.id;
}

describe('PDF reports in the desktop app', () => {
  it('print the report page with webContents.printToPDF, not a separate Chromium', async () => {
    const launched = await launch();
    const caseId = await caseTitled(launched, 'Night Owl <b>scan</b>');
    const out = path.join(tempDir(), 'case.pdf');
    const windowsBefore = BrowserWindow.instances.length;

    const result = await launched.desktop.core.service.exportReport({ caseId, format: 'pdf', path: out });

    const printer = BrowserWindow.instances[windowsBefore]!;
    expect(BrowserWindow.instances).toHaveLength(windowsBefore + 1);
    const pdf = fs.readFileSync(out);
    expect(result.bytes).toBe(pdf.length);
    // The fake printer returns the page it was given: the escaped report of this case.
    expect(pdf.subarray(0, 10).toString()).toBe('%PDF-fake\n');
    expect(pdf.toString()).toContain('Night Owl &lt;b&gt;scan&lt;/b&gt;');
    expect(printer.webContents.printed).toEqual([
      {
        pageSize: 'A4',
        printBackground: true,
        margins: { top: 12 / 25.4, bottom: 12 / 25.4, left: 10 / 25.4, right: 10 / 25.4 },
      },
    ]);
    // The page came from a private temporary file that is deleted once printed.
    const [loaded] = printer.loaded;
    expect(loaded).toMatch(/^file:\/\/.*vigil-print-[^/]+\/report\.html$/);
    expect(path.dirname(fileURLToPath(loaded!)).startsWith(os.tmpdir())).toBe(true);
    expect(fs.existsSync(path.dirname(fileURLToPath(loaded!)))).toBe(false);
    expect(printer.isDestroyed()).toBe(true);
  });

  it('use a hidden window without script, Node or a shared session', async () => {
    const launched = await launch();
    const caseId = await caseTitled(launched, 'locked');
    const before = BrowserWindow.instances.length;
    await launched.desktop.core.service.exportReport({
      caseId,
      format: 'pdf',
      path: path.join(tempDir(), 'case.pdf'),
    });
    const printer = BrowserWindow.instances[before]!;
    const printSession = session.partitions.get(PRINT_PARTITION);
    expect(printSession).toBeDefined();
    expect(PRINT_PARTITION).not.toMatch(/^persist:/);
    expect(printer.options).toMatchObject({ show: false });
    expect(printer.options.webPreferences).toEqual({
      session: printSession,
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    });
    expect(printer.webContents.session).toBe(printSession);
    expect(printer.webContents.session).not.toBe(session.defaultSession);
  });

  it('let the printed page reach only itself and inline images, and grant it no permission', async () => {
    const launched = await launch();
    const caseId = await caseTitled(launched, 'offline');
    const before = BrowserWindow.instances.length;
    // Ask the network filter while the page prints, as Chromium would for each request it makes.
    const seen: Record<string, boolean> = {};
    const original = BrowserWindow.prototype.loadURL;
    BrowserWindow.prototype.loadURL = function (this: BrowserWindow, url: string) {
      const filter = session.partitions.get(PRINT_PARTITION)!;
      for (const asked of [
        url,
        'data:image/png;base64,AA==',
        'https://attacker.example/x.png',
        'file:///etc/passwd',
      ])
        seen[asked === url ? 'own page' : asked] = filter.allowsRequest(asked);
      return original.call(this, url);
    };
    try {
      await launched.desktop.core.service.exportReport({
        caseId,
        format: 'pdf',
        path: path.join(tempDir(), 'case.pdf'),
      });
    } finally {
      BrowserWindow.prototype.loadURL = original;
    }
    expect(seen).toEqual({
      'own page': true,
      'data:image/png;base64,AA==': true,
      'https://attacker.example/x.png': false,
      'file:///etc/passwd': false,
    });
    // Once printed, its own file is refused too: nothing can be fetched from a finished print.
    const printSession = session.partitions.get(PRINT_PARTITION)!;
    expect(printSession.allowsRequest(BrowserWindow.instances[before]!.loaded[0]!)).toBe(false);
    let granted: boolean | null = null;
    printSession.permissionRequestHandler?.(null, 'media', (answer) => {
      granted = answer;
    });
    expect(granted).toBe(false);
    expect(printSession.permissionCheckHandler?.()).toBe(false);
    // And like every web contents of the app, it cannot navigate or open windows.
    const printer = BrowserWindow.instances[before]!;
    expect(printer.webContents.dispatch('will-navigate', 'https://example.org').defaultPrevented).toBe(true);
    expect(printer.webContents.windowOpenHandler?.({ url: 'https://example.org' })).toEqual({
      action: 'deny',
    });
  });
});
