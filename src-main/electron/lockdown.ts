// Everything the renderer might try beyond its own page is refused here, for every web contents the
// app ever creates (the window, and anything a bug might create later).
import type { App, Session, WebContents } from 'electron';
import { isAppUrl } from './app-protocol.js';

/** Asks before opening a web link in the system browser; Vigil itself never leaves its page. */
export type ConfirmExternal = (url: string) => void;

export function isWebLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** No camera, microphone, notifications-from-page, geolocation, HID, serial, USB: Vigil needs none. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export function lockDownContents(contents: WebContents, confirmExternal: ConfirmExternal): void {
  // Hash changes (the renderer's routing) are not navigations; anything else would replace our page.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (isWebLink(url)) confirmExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) confirmExternal(url);
    return { action: 'deny' };
  });
}

export function lockDownApp(app: App, session: Session, confirmExternal: ConfirmExternal): void {
  denyPermissions(session);
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, confirmExternal));
}
