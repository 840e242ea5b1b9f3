// Which trainer and loader serve each model kind; whether it needs labels is the kind's record in
// the contract (src-shared/models.ts).
import { kindRecord, type ModelKind } from '../../../../src-shared/models.js';
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

const DETECTORS: Record<ModelKind, Omit<KindSpec, 'supervised'>> = {
  iforest: { train: trainIsolationForest, load: loadIsolationForest },
  rf: { train: trainRandomForest, load: loadRandomForest },
  dense: { train: netTrainer('dense'), load: netLoader('dense') },
  conv1d: { train: netTrainer('conv1d'), load: netLoader('conv1d') },
};

export const KINDS = Object.fromEntries(
  Object.entries(DETECTORS).map(([kind, detector]) => [
    kind,
    { ...detector, supervised: kindRecord(kind as ModelKind).supervised },
  ]),
) as Record<ModelKind, KindSpec>;
