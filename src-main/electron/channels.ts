import type { OperationName } from '../../src-shared/api.js';

/** IPC channel names, shared by the preload and the main process so they cannot drift apart. */
export const callChannel = (name: OperationName) => `vigil:call:${name}`;
/** Core events (job progress, data changed), main → renderer. */
export const EVENT_CHANNEL = 'vigil:event';
/** Export through a native save dialog, renderer → main (not a contract operation: serve mode has none). */
export const SAVE_EXPORT_CHANNEL = 'vigil:save-export';
/** A file the analyst picked or dropped, preload → main: answers the grant the page imports it by. */
export const GRANT_FILE_CHANNEL = 'vigil:grant-file';
/** Menu commands that open a view, main → renderer: the payload is a hash route like `#/cases`. */
export const NAVIGATE_CHANNEL = 'vigil:navigate';

/** Hash routes the main process may send; anything else is ignored by the preload. */
export function isHashRoute(value: unknown): value is string {
  return typeof value === 'string' && /^#\/[\w/-]{0,200}$/.test(value);
}
