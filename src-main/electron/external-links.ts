import type { Dialog, Shell } from 'electron';
import { isWebLink } from './lockdown.js';

/**
 * Links open in the system browser, and only after the analyst agrees: a link inside hostile log
 * data must not open a tracking URL with one stray click, and Vigil itself stays offline.
 */
export function externalLinkOpener(dialog: Dialog, shell: Shell): (url: string) => Promise<boolean> {
  return async (url) => {
    if (!isWebLink(url)) return false;
    const { response } = await dialog.showMessageBox({
      type: 'question',
      buttons: ['Open in browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Open this link in your web browser?',
      detail: url,
    });
    if (response !== 0) return false;
    await shell.openExternal(url);
    return true;
  };
}
