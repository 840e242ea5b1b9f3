// A rollup window's contents as plain data, so the parser thread can hand a full window to the
// writer with the batch that closes it (typed arrays are transferred, not copied).
import type { CellTableState } from './cell-table.js';

export const TABLES = ['minutes', 'pairs', 'hist', 'ports', 'values'] as const;

/** A window's strings and cells (see rollup-window.ts for what each table holds). */
export interface WindowState {
  strings: string[];
  minutes: CellTableState;
  pairs: CellTableState;
  hist: CellTableState;
  ports: CellTableState;
  values: CellTableState;
}

/** The buffers of a window state, for a transfer list. */
export function windowBuffers(state: WindowState): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const name of TABLES) {
    const table = state[name];
    buffers.push(table.keys.buffer as ArrayBuffer, table.values.buffer as ArrayBuffer);
    buffers.push(table.index.buffer as ArrayBuffer);
  }
  return buffers;
}
