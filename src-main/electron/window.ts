import type { BrowserWindow as BrowserWindowType, Session } from 'electron';
import { BrowserWindow } from 'electron';
import { APP_ENTRY } from './app-protocol.js';

/** The one app window, loading our renderer from the private scheme. */
export function createMainWindow(preloadPath: string): BrowserWindowType {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#0f1318',
    title: 'Vigil',
    // The renderer shows hostile log data, so it gets no Node, no Electron, its own JS world and
    // the OS sandbox; the preload is its only way out, through the contract's methods. Written out
    // in place (not spread from a constant) so static checkers such as electronegativity see them.
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click could otherwise open links in a new window behind the window-open handler's back.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY);
  return window;
}

/**
 * The hidden window a report PDF is printed in (print-pdf.ts): no script, no preload, a session of
 * its own. Every `new BrowserWindow` lives in this file so the bundle keeps one unrenamed
 * `BrowserWindow`, which is the name electronegativity looks for.
 */
export function createPrintWindow(printSession: Session): BrowserWindowType {
  return new BrowserWindow({
    show: false,
    width: 1000,
    height: 1400,
    webPreferences: {
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
      // No script runs, so nothing could act on a middle-click; off anyway, as in the app window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
}
