import type { VigilEvent } from '../../../src-shared/api.js';
import type { JobStoreCall } from '../services/job-store.js';
import type { WriteOperation } from '../services/write-service.js';

export type WriterCall = WriteOperation | JobStoreCall;

/** What the writer thread is started with. */
export interface WriteWorkerInput {
  dbPath: string;
  /** Who signs the core's changes instead of the analyst setting (the CLI's --analyst). */
  analyst?: string;
}

/** Main side → writer thread. */
export type ToWriter =
  | { type: 'call'; id: number; name: WriterCall; args: unknown }
  | { type: 'printed'; id: number; ok: true; pdf: Uint8Array }
  | { type: 'printed'; id: number; ok: false; error: string }
  | { type: 'close' };

/**
 * Writer thread → main side. An event a call emits is posted before that call's answer. Report
 * PDFs are printed by the main side: the Electron app prints with its window's webContents, which
 * only that side reaches, and headless Chromium is found by the main process's settings.
 */
export type FromWriter =
  | { type: 'answer'; id: number; ok: true; value: unknown }
  /** `stale`: a StaleEditError (a conflict for HTTP), rebuilt as one on the main side. */
  | { type: 'answer'; id: number; ok: false; error: string; stale?: boolean }
  | { type: 'event'; event: VigilEvent }
  | { type: 'print'; id: number; html: string };
