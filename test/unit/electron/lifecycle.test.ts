import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL } from '../../../src-main/electron/channels.js';
import { saveSettings } from '../../../src-main/electron/settings.js';
import { app, FakeEvent, Notification } from '../../fakes/electron.js';
import { desktopHarness } from './harness.js';
import { jobEvent } from './job-events.js';

const launch = desktopHarness();

describe('the desktop lifecycle', () => {
  it('keeps the database in the user-data folder, and reopens the one chosen last', async () => {
    const { desktop, userData } = await launch();
    expect(desktop.core.dbPath).toBe(path.join(userData, 'vigil.db'));
    const remembered = await launchWith((dir) =>
      saveSettings(dir, { databasePath: path.join(dir, 'chosen', 'case.db') }),
    );
    expect(remembered.desktop.core.dbPath).toBe(path.join(remembered.userData, 'chosen', 'case.db'));
    // A remembered file that is no database any more: start on the default one, not on an error.
    const broken = await launchWith((dir) => {
      fs.writeFileSync(
        path.join(dir, 'notes.db'),
        'plain text, long enough to not look like a database header',
      );
      saveSettings(dir, { databasePath: path.join(dir, 'notes.db') });
    });
    expect(broken.desktop.core.dbPath).toBe(path.join(broken.userData, 'vigil.db'));
  });

  it('forwards core events to the window', async () => {
    const { desktop, window } = await launch();
    desktop.core.events.emit('event', { type: 'data-changed', reason: 'import' });
    expect(window.webContents.sent).toContainEqual({
      channel: EVENT_CHANNEL,
      payload: { type: 'data-changed', reason: 'import' },
    });
  });

  it('closes the database before quitting, once', async () => {
    const { desktop } = await launch();
    const first = new FakeEvent();
    app.emit('will-quit', first);
    expect(first.defaultPrevented).toBe(true);
    const during = new FakeEvent();
    app.emit('will-quit', during);
    expect(during.defaultPrevented).toBe(true);
    await expect.poll(() => app.quitCalls).toBe(1);
    await expect(desktop.core.service.listImports({})).rejects.toThrow(/not open/);
    const last = new FakeEvent();
    app.emit('will-quit', last);
    expect(last.defaultPrevented).toBe(false);
  });

  it('raises an OS notification when a long job ends while the window is in the background', async () => {
    const { desktop, window } = await launch();
    window.focused = false;
    const realNow = Date.now;
    try {
      desktop.core.events.emit('event', jobEvent('j1', 'running'));
      Date.now = () => realNow() + 60_000;
      desktop.core.events.emit('event', jobEvent('j1', 'done'));
    } finally {
      Date.now = realNow;
    }
    expect(Notification.shown).toEqual([
      { title: 'Import finished', body: '/logs/big.csv: 282 sessions stored' },
    ]);
  });
});

/** Launches with settings written into the new user-data folder before the app starts. */
async function launchWith(prepare: (userData: string) => void) {
  const original = app.getPath.bind(app);
  let prepared = false;
  app.getPath = (name: string) => {
    const dir = original(name);
    if (!prepared) {
      prepared = true;
      prepare(dir);
    }
    return dir;
  };
  try {
    return await launch();
  } finally {
    app.getPath = original;
  }
}
