// Which trainer and loader serve each model kind, and whether it needs labels.
import type { ModelKind } from '../../../../src-shared/models.js';
import type { Loader, Trainer } from './detector.js';
import {
  loadIsolationForest,
  loadRandomForest,
  trainIsolationForest,
  trainRandomForest,
} from './forest-detectors.js';
import { netLoader, netTrainer } from './net-detectors.js';

export interface KindSpec {
  supervised: boolean;
  train: Trainer;
  load: Loader;
}

export const KINDS: Record<ModelKind, KindSpec> = {
  iforest: { supervised: false, train: trainIsolationForest, load: loadIsolationForest },
  rf: { supervised: true, train: trainRandomForest, load: loadRandomForest },
  dense: { supervised: true, train: netTrainer('dense'), load: netLoader('dense') },
  conv1d: { supervised: true, train: netTrainer('conv1d'), load: netLoader('conv1d') },
};
