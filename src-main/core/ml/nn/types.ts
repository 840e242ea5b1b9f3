// The contract of the neural-network models, shared by the training jobs, the registry and the
// CLI. Plain data in (typed arrays), plain data out: callers never touch a tfjs tensor.

export type NetKind = 'dense' | 'conv1d';
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface NetData {
  /** Row-major feature matrix, `rows × features`. */
  x: Float32Array;
  rows: number;
  features: number;
  /** One per row; rows are in time order. Conv1D reads each source's recent rows as a sequence. */
  sourceKey: Int32Array;
}

export interface LabelledNetData extends NetData {
  /** 0 or 1 per row; a class code 0 … classes − 1 with `classes`. */
  y: Uint8Array;
  /** Threat types: K classes, one softmax output each. Absent: one sigmoid output, P(class 1). */
  classes?: number;
}

export interface NetParams {
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  hidden?: number[];
  dropout?: number;
  /** Conv1D: how many of a source's sessions (up to and including the row) form its sequence. */
  window?: number;
  filters?: number;
  kernelSize?: number;
  /** Fraction of the rows, the latest in time, held out for validation and early stopping. */
  validationSplit?: number;
  /** Epochs without a better validation loss before training stops. */
  patience?: number;
  seed?: number;
}

export interface EpochProgress {
  epoch: number;
  epochs: number;
  loss: number;
  valLoss?: number;
}

export interface TrainOptions {
  signal?: AbortSignal;
  onEpoch?: (e: EpochProgress) => void;
  /** Within an epoch, after each batch: an epoch over a million rows takes tens of seconds. */
  onBatch?: (b: { epoch: number; epochs: number; rowsDone: number; rows: number }) => void;
}

export interface TrainedNet {
  backend: BackendName;
  history: { loss: number[]; valLoss: number[] };
  /** K for a threat-type network (predict then gives rows × K probabilities); absent otherwise. */
  classes?: number;
  /**
   * P(class 1) per row; with `classes`, each row's K class probabilities. With `rows`, for those
   * rows only, in their order: the others still give a Conv1D row its source's preceding sessions.
   */
  predict(data: NetData, rows?: Int32Array): Promise<Float32Array>;
  serialize(): Promise<Uint8Array>;
  dispose(): void;
}
