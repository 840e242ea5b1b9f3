// The Electron shell: one locked-down window over the same core the CLI and serve mode use.
// Thin on purpose: everything that matters lives in src-main/core and is tested without Electron.
import path from 'node:path';
import {
  app,
  type BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  session,
  shell,
} from 'electron';
import { FileGrants } from '../core/file-grants.js';
import { createCore } from '../core/service.js';
import { installAppProtocol, registerAppScheme } from './app-protocol.js';
import { EVENT_CHANNEL, NAVIGATE_CHANNEL } from './channels.js';
import { CurrentCore } from './current-core.js';
import { externalLinkOpener } from './external-links.js';
import { registerFileGrants } from './file-grants.js';
import { registerIpc } from './ipc.js';
import { notifyWhenLongJobsEnd } from './job-notifier.js';
import { lockDownApp } from './lockdown.js';
import { menuTemplate } from './menu.js';
import { menuCommands } from './menu-commands.js';
import { electronPrintToPdf } from './print-pdf.js';
import { registerSaveExport } from './save-export.js';
import { fromOurWindow } from './sender.js';
import { loadSettings } from './settings.js';
import { createMainWindow } from './window.js';

export interface LaunchOptions {
  /** dist/main: holds preload.cjs; the renderer build is its sibling dist/renderer. */
  bundleDir: string;
  /** Import the embedded sample into a new default database (off in tests). */
  sampleOnFirstStart?: boolean;
}

export interface Desktop {
  window: BrowserWindow;
  core: CurrentCore;
}

/** Resolves with the running app, or null when another Vigil window already has the lock. */
export function launch(options: LaunchOptions): Promise<Desktop | null> {
  registerAppScheme(protocol);
  // A second Vigil would open the same database and fight over its single writer.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve(null);
  }
  let desktop: Desktop | null = null;
  app.on('second-instance', () => {
    if (desktop?.window.isMinimized()) desktop.window.restore();
    desktop?.window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  return app
    .whenReady()
    .then(() => {
      desktop = start(options);
      return desktop;
    })
    .catch((error: Error) => {
      dialog.showErrorBox('Vigil could not start', error.message);
      app.quit();
      return null;
    });
}

function openCore(userData: string, sampleOnFirstStart: boolean, fileGrants: FileGrants): CurrentCore {
  const defaultDb = path.join(userData, 'vigil.db');
  // PDFs come from Electron's own Chromium: the desktop app needs no separate browser.
  const printToPdf = electronPrintToPdf();
  const settings = loadSettings(userData);
  const open = (dbPath: string) =>
    createCore({
      dbPath,
      sampleOnFirstStart: sampleOnFirstStart && path.resolve(dbPath) === defaultDb,
      printToPdf,
      // One store for the window: a file granted before File › Open database… still imports after.
      fileGrants,
      cloudWatchEndpoint: settings.cloudWatchEndpoint,
    });
  const chosen = settings.databasePath;
  if (chosen) {
    try {
      return new CurrentCore(open, chosen);
    } catch {
      // The database chosen last is gone or unreadable: start on the default one instead.
    }
  }
  return new CurrentCore(open, defaultDb);
}

function start(options: LaunchOptions): Desktop {
  const userData = app.getPath('userData');
  const fileGrants = new FileGrants();
  const core = openCore(userData, options.sampleOnFirstStart ?? true, fileGrants);
  const openExternal = externalLinkOpener(dialog, shell);
  lockDownApp(app, session.defaultSession, (url) => void openExternal(url));
  installAppProtocol(protocol, path.join(options.bundleDir, '..', 'renderer'));
  const window = createMainWindow(path.join(options.bundleDir, 'preload.cjs'));
  const send = (channel: string, payload: unknown) => {
    if (!window.isDestroyed()) window.webContents.send(channel, payload);
  };
  const isTrusted = fromOurWindow(() => window);
  registerIpc(ipcMain, () => core.service, isTrusted);
  registerFileGrants(ipcMain, fileGrants, isTrusted);
  registerSaveExport(ipcMain, {
    dialog,
    window: () => (window.isDestroyed() ? null : window),
    service: () => core.service,
    isTrusted,
  });
  core.events.on('event', (event) => send(EVENT_CHANNEL, event));
  notifyWhenLongJobsEnd(core.events, {
    isFocused: () => !window.isDestroyed() && window.isFocused(),
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
  });
  const commands = menuCommands({
    app,
    dialog,
    shell,
    window: () => (window.isDestroyed() ? null : window),
    core,
    navigate: (hash) => send(NAVIGATE_CHANNEL, hash),
    userData,
    appRoot: app.getAppPath(),
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(commands, {
        isMac: process.platform === 'darwin',
        devTools: !app.isPackaged,
        dataFolder: userData,
      }),
    ),
  );
  // Close SQLite and stop the workers before the process goes, then quit for real.
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    void core.close().finally(() => {
      state = 'closed';
      app.quit();
    });
  });
  return { window, core };
}
