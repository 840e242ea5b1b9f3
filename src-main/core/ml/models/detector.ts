// One face for every model kind, so training, evaluation, scoring and the registry do not care
// which model they hold. Scores are oriented "higher = more suspicious" for every kind.
import type { ModelKind, ModelParams } from '../../../../src-shared/models.js';

export interface FeatureData {
  /** rows × features, row-major, rows in time order. */
  x: Float32Array;
  rows: number;
  features: number;
  /** Dense source-IP key per row (sequence models group a source's sessions with it). */
  sourceKey: Int32Array;
  /** How many leading columns are scaled features (the rest are one-hots); absent: NUMERIC_COUNT. */
  scaled?: number;
}

export interface Detector {
  kind: ModelKind;
  backend: string;
  /** Preceding sessions of the same source one row's score reads (sequence models); else 0. */
  contextRows: number;
  score(data: FeatureData): Promise<Float64Array>;
  /**
   * Per-feature push toward "suspicious" for a few rows of `data` (by index). Null when the kind
   * has no explanation.
   */
  explain(data: FeatureData, rows: number[]): Promise<Float64Array[] | null>;
  weights(): Promise<Uint8Array>;
  /** Loss per epoch, for networks. */
  history?: { loss: number[]; valLoss: number[] };
  /** Per-feature importance in feature-column order, for kinds that measure it (random forest). */
  importances?: Float64Array;
  /**
   * Threat-type models: K classes (0 benign) and their `rows × K` probabilities. `score` is then
   * 1 − P(benign) and `explain` explains each row's most probable kind (models/kind-decision.ts).
   */
  classes?: number;
  classProba?(data: FeatureData): Promise<Float64Array>;
  dispose(): void;
}

export interface TrainHooks {
  signal?: AbortSignal;
  /** Progress within training: fraction 0..1 and what is happening. Awaited (lets events through). */
  onProgress?: (fraction: number, message: string) => Promise<void>;
}

/**
 * Progress from inside work that cannot yield (one random-forest tree over a million rows): runs
 * the synchronous part of `onProgress` (the worker posts there and polls its port for a cancel)
 * without awaiting it, then honours the signal by throwing.
 */
export function reportNow(hooks: TrainHooks, fraction: number, message: string): void {
  void hooks.onProgress?.(fraction, message);
  hooks.signal?.throwIfAborted();
}

export interface TrainInput extends FeatureData {
  /** 0/1 labels of the rows (class codes 0 … classes − 1 for threat types); null for unsupervised training. */
  y: Uint8Array | null;
  /** Threat types: how many classes `y` codes (benign is 0). Absent: malicious or not. */
  classes?: number;
}

export type Trainer = (input: TrainInput, params: ModelParams, hooks: TrainHooks) => Promise<Detector>;
export type Loader = (bytes: Uint8Array) => Promise<Detector>;
