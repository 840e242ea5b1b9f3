// Public surface of the neural networks: a dense net on each session's features and a Conv1D
// net on each source's recent sessions, trained with tfjs on the best backend this machine has.

export { activeBackend } from './backend.js';
export { DEFAULT_PARAMS, defaultBatchSize } from './params.js';
export { previousRowOfSource, sequenceWindows } from './sequence-windows.js';
export { loadNetwork, trainNetwork } from './train-network.js';
export type {
  BackendName,
  EpochProgress,
  LabelledNetData,
  NetData,
  NetKind,
  NetParams,
  TrainedNet,
  TrainOptions,
} from './types.js';
