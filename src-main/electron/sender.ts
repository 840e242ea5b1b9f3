import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { isAppUrl } from './app-protocol.js';

/**
 * Only accept messages from the top frame of the window the app created, showing our own page:
 * not from a frame inside it, not after a navigation to anything else, not from another window.
 */
export function fromOurWindow(getWindow: () => BrowserWindow | null): (event: IpcMainInvokeEvent) => boolean {
  return (event) => {
    const window = getWindow();
    if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isAppUrl(frame.url);
  };
}
