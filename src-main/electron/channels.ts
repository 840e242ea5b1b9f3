import type { OperationName } from '../../src-shared/api.js';

/** IPC channel names, shared by the preload and the main process so they cannot drift apart. */
export const callChannel = (name: OperationName) => `vigil:call:${name}`;
export const EVENT_CHANNEL = 'vigil:event';
