// Launches the real desktop wiring (real core on a temp SQLite file) against the fake electron.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { type Desktop, launch } from '../../../src-main/electron/desktop.js';
import { operations } from '../../../src-shared/api.js';
import { app, type BrowserWindow, FakeFrame, type FakeMenuItem, fake, Menu } from '../../fakes/electron.js';
import { createTempDirs } from '../../helpers/temp.js';

export interface Launched {
  desktop: Desktop;
  userData: string;
  rendererDir: string;
  /** The fake window, with its recorded options and sent messages. */
  window: BrowserWindow;
}

/** `settings`: written to settings.json before launch, as the analyst would have left it. */
export function desktopHarness(): (options?: { settings?: object }) => Promise<Launched> {
  const tempDir = createTempDirs();
  const running: Desktop[] = [];
  afterEach(async () => {
    for (const desktop of running.splice(0)) await desktop.core.close();
    fake.reset();
  });
  return async (options = {}) => {
    fake.reset();
    const userData = tempDir();
    if (options.settings)
      fs.writeFileSync(path.join(userData, 'settings.json'), JSON.stringify(options.settings));
    const bundleDir = path.join(tempDir(), 'main');
    const rendererDir = path.join(bundleDir, '..', 'renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Vigil</title>');
    app.userData = userData;
    const desktop = await launch({ bundleDir, sampleOnFirstStart: false });
    if (!desktop) throw new Error('launch() returned null');
    running.push(desktop);
    return { desktop, userData, rendererDir, window: desktop.window as unknown as BrowserWindow };
  };
}

/** Makes ipcRenderer.invoke arrive as if sent by this window's top frame (or a given frame). */
export function invokeFrom(window: BrowserWindow, frame: FakeFrame = window.webContents.mainFrame): void {
  fake.invokeAs = () => ({ sender: window.webContents, senderFrame: frame });
}

export function strangerFrame(url: string, parent: FakeFrame | null = null): FakeFrame {
  return new FakeFrame(url, parent);
}

/** Finds an application-menu item by id, anywhere in the menu. */
export function menuItem(id: string): FakeMenuItem {
  const search = (items: FakeMenuItem[]): FakeMenuItem | undefined => {
    for (const item of items) {
      if (item.id === id) return item;
      const found = item.submenu && search(item.submenu);
      if (found) return found;
    }
    return undefined;
  };
  const found = search(Menu.application?.items ?? []);
  if (!found) throw new Error(`no menu item "${id}"`);
  return found;
}

/**
 * Registers source "fleet" without connecting, at a port nothing listens on (1): what a test of a
 * refusal needs, since a refusal comes before the engine is asked.
 */
export function addOfflineFleet(desktop: Desktop): Promise<unknown> {
  return desktop.core.service.addSource(
    operations.addSource.args.parse({
      name: 'fleet',
      clickhouse: 'http://127.0.0.1:1',
      database: 'logs',
      table: 'web',
      noCheck: true,
    }),
  );
}
