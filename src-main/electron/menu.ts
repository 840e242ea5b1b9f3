import type { MenuItemConstructorOptions } from 'electron';

/** What the menu can do; menu-commands.ts implements it, tests click through it. */
export interface MenuCommands {
  importFiles(): void;
  connectCloudWatch(): void;
  openDatabase(): void;
  exportReport(): void;
  about(): void;
  licences(): void;
  showDataFolder(): void;
}

export interface MenuOptions {
  isMac: boolean;
  /** Developer tools only in development: a packaged app gives the page no console to paste into. */
  devTools: boolean;
  dataFolder: string;
}

export function menuTemplate(commands: MenuCommands, options: MenuOptions): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { id: 'import', label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => commands.importFiles() },
      { id: 'cloudwatch', label: 'Connect to CloudWatch Logs…', click: () => commands.connectCloudWatch() },
      { type: 'separator' },
      {
        id: 'open-database',
        label: 'Open database…',
        accelerator: 'CmdOrCtrl+Shift+O',
        click: () => commands.openDatabase(),
      },
      {
        id: 'export-report',
        label: 'Export report…',
        accelerator: 'CmdOrCtrl+E',
        click: () => commands.exportReport(),
      },
      { type: 'separator' },
      options.isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(options.devTools ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { id: 'about', label: 'About Vigil', click: () => commands.about() },
      { id: 'licences', label: 'Licences', click: () => commands.licences() },
      { type: 'separator' },
      { id: 'data-folder', label: 'Show data folder', click: () => commands.showDataFolder() },
      { id: 'data-folder-path', label: `Data folder: ${options.dataFolder}`, enabled: false },
    ],
  };
  return [
    ...(options.isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    ...(options.isMac ? [{ role: 'windowMenu' } as const] : []),
    help,
  ];
}
