import type { TrainRequest } from '../ml/train/train-run.js';

/** What a model worker is started with. */
export type ModelWorkerInput =
  | { type: 'train'; dbPath: string; request: TrainRequest }
  | { type: 'score'; dbPath: string; runId: number };

export type ModelWorkerMessage =
  | { type: 'run'; runId: number }
  | { type: 'progress'; fraction: number; message: string }
  | { type: 'done'; runId: number; message: string }
  | { type: 'cancelled'; runId: number | null }
  | { type: 'error'; runId: number | null; message: string };

export type ModelWorkerCommand = { type: 'cancel' };
