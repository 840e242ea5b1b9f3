import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY } from '../../../src-main/electron/app-protocol.js';
import { app, dialog, protocol, session, shell } from '../../fakes/electron.js';
import { desktopHarness } from './harness.js';

const launch = desktopHarness();

describe('the Vigil window', () => {
  it('is created with exactly the security options, the preload, and our page', async () => {
    const { window } = await launch();
    const preferences = window.options.webPreferences as Record<string, unknown>;
    expect(preferences).toEqual({
      preload: expect.stringMatching(/[/\\]main[/\\]preload\.cjs$/),
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
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    });
    expect(window.loaded).toEqual([APP_ENTRY]);
  });

  it('registers the app scheme as privileged before it serves the renderer', async () => {
    await launch();
    expect(protocol.privileged).toEqual([
      { scheme: 'vigil', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(protocol.handlers.has('vigil')).toBe(true);
  });

  it('refuses every navigation away from the page, and offers web links to the browser after asking', async () => {
    const { window } = await launch();
    dialog.answers.push({ response: 0 });
    for (const url of ['file:///etc/passwd', 'vigil://app/other.html', 'javascript:alert(1)'])
      expect(window.webContents.dispatch('will-navigate', url).defaultPrevented, url).toBe(true);
    expect(dialog.calls).toEqual([]);

    expect(window.webContents.dispatch('will-navigate', 'https://example.org/x').defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(shell.opened).toEqual(['https://example.org/x']));
    expect(dialog.calls[0]?.options).toMatchObject({ message: 'Open this link in your web browser?' });
  });

  it('denies every window.open, and opens a web link only when the analyst agrees', async () => {
    const { window } = await launch();
    const open = window.webContents.windowOpenHandler!;
    dialog.answers.push({ response: 1 }); // Cancel
    expect(open({ url: 'https://example.org/a' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(dialog.calls).toHaveLength(1));
    expect(shell.opened).toEqual([]);

    dialog.answers.push({ response: 0 });
    expect(open({ url: 'http://example.org/b' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(shell.opened).toEqual(['http://example.org/b']));
    expect(dialog.calls).toHaveLength(2);
  });

  it('refuses webviews and redirects off the app', async () => {
    const { window } = await launch();
    expect(window.webContents.dispatch('will-attach-webview', {}, {}).defaultPrevented).toBe(true);
    expect(window.webContents.dispatch('will-redirect', 'https://example.org').defaultPrevented).toBe(true);
  });

  it('locks down any other web contents the app might create', async () => {
    await launch();
    const { FakeWebContents, FakeEvent } = await import('../../fakes/electron.js');
    const other = new FakeWebContents(session.defaultSession, 'about:blank');
    app.emit('web-contents-created', new FakeEvent(), other);
    expect(other.dispatch('will-navigate', 'https://example.org').defaultPrevented).toBe(true);
    expect(other.windowOpenHandler?.({ url: 'about:blank' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', async () => {
    await launch();
    const denied: boolean[] = [];
    const defaultSession = session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      defaultSession.permissionRequestHandler!(null, permission, (granted) => denied.push(granted));
    expect(denied).toEqual([false, false, false, false, false]);
    expect(defaultSession.permissionCheckHandler!(null, 'media')).toBe(false);
    expect(defaultSession.devicePermissionHandler!({ deviceType: 'usb' })).toBe(false);
  });

  it('takes the single-instance lock, and quits without a window when another Vigil holds it', async () => {
    const { launch: launchDesktop } = await import('../../../src-main/electron/desktop.js');
    const { BrowserWindow, fake } = await import('../../fakes/electron.js');
    fake.reset();
    app.hasLock = false;
    await expect(launchDesktop({ bundleDir: '/nowhere' })).resolves.toBeNull();
    expect(app.quitCalls).toBe(1);
    expect(BrowserWindow.instances).toEqual([]);
  });

  it('brings the window back when a second instance starts', async () => {
    const { window } = await launch();
    window.minimized = true;
    window.focused = false;
    app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });
});
