// The Electron shell: one locked-down window over the same core the CLI and serve mode use.
// Thin on purpose: everything that matters lives in src-main/core and is tested without Electron.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import { createCore } from '../core/service.js';
import { EVENT_CHANNEL } from './channels.js';
import { registerIpc } from './ipc.js';
import { createMainWindow } from './window.js';

// Bundled as dist/main/electron-main.js, next to the worker bundles it starts and preload.cjs.
const here = path.dirname(fileURLToPath(import.meta.url));
let window: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.whenReady().then(start, (error: Error) => {
    dialog.showErrorBox('Vigil could not start', error.message);
    app.quit();
  });
  app.on('window-all-closed', () => app.quit());
}

async function start(): Promise<void> {
  const core = createCore({
    dbPath: path.join(app.getPath('userData'), 'vigil.db'),
    sampleOnFirstStart: true,
  });
  window = createMainWindow(path.join(here, '..', 'renderer'), path.join(here, 'preload.cjs'));
  const main = window;
  registerIpc(ipcMain, core.service, (sender) => sender === main.webContents);
  core.events.on('event', (event) => {
    if (!main.isDestroyed()) main.webContents.send(EVENT_CHANNEL, event);
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      {
        label: 'File',
        submenu: [
          {
            label: 'Import…',
            accelerator: 'CmdOrCtrl+O',
            click: async () => {
              const choice = await dialog.showOpenDialog(main, {
                properties: ['openFile', 'multiSelections'],
              });
              if (!choice.canceled && choice.filePaths.length > 0)
                await core.service.startImport({ paths: choice.filePaths });
            },
          },
          { type: 'separator' },
          { role: 'quit' },
        ],
      },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      {
        label: 'Help',
        submenu: [
          {
            label: 'About Vigil',
            click: () =>
              dialog.showMessageBox(main, {
                message: `Vigil ${app.getVersion()}`,
                detail: `Data folder: ${app.getPath('userData')}`,
              }),
          },
        ],
      },
    ]),
  );
  app.on('before-quit', () => void core.close());
}
