import type { ReadOperation } from '../services/read-service.js';

/** What a read worker is started with. */
export interface ReadWorkerInput {
  dbPath: string;
}

export interface ReadRequest {
  id: number;
  name: ReadOperation;
  args: unknown;
}

export type ReadAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
