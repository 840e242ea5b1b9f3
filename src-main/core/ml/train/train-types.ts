// What training does differently when a run learns the kind of threat: refuse the models that
// cannot, read kinds as labels, and evaluate each kind on the held-out side beside the baseline.
import { kindRecord, type LabelSource, type ModelKind } from '../../../../src-shared/models.js';
import type { MulticlassMetrics, RareKinds } from '../../../../src-shared/threat-types.js';
import type { Db } from '../../db/open.js';
import { UNLABELLED } from '../../features/index.js';
import { pick, type ResolvedLabels, type Split, TrainingRefused } from '../evaluate/index.js';
import { type ResolvedKinds, resolveKinds } from '../evaluate/kind-labels.js';
import { multiclassMetrics } from '../evaluate/multiclass-metrics.js';
import type { Detector, FeatureData } from '../models/detector.js';
import { decideClasses, threatScores } from '../models/kind-decision.js';
import { subset } from './subset.js';

/** The kinds as labels, and the same labels seen as malicious or not (what splits and thresholds read). */
export function resolveTargetLabels(
  db: Db,
  kind: ModelKind,
  source: LabelSource | undefined,
  rareKinds: RareKinds = 'refuse',
): { labels: ResolvedLabels; kinds: ResolvedKinds } {
  const types = kindRecord(kind).types;
  if (types !== true) throw new TrainingRefused(`Refusing --target type: ${types}.`);
  const kinds = resolveKinds(db, source, rareKinds);
  return {
    labels: { source: kinds.source, read: kinds.read, labeler: kinds.labeler, counts: kinds.binaryCounts },
    kinds,
  };
}

/** Class codes → 1 for any kind of threat, 0 for benign; unlabelled stays unlabelled. */
export function toBinary(codes: Uint8Array): Uint8Array {
  return codes.map((c) => (c === UNLABELLED ? UNLABELLED : c > 0 ? 1 : 0));
}

/**
 * Per-kind figures on the test side, with the decision scoring stores: under the flag threshold
 * benign, above it the most probable kind.
 */
export async function evaluateKinds(
  detector: Detector,
  all: FeatureData,
  codes: Uint8Array,
  split: Split,
  /** The rows fitted on: the training side less the validation slice, when one chose the threshold. */
  fit: Int32Array,
  threshold: number,
  kinds: ResolvedKinds,
): Promise<MulticlassMetrics> {
  if (!detector.classProba || detector.classes !== kinds.classes.length)
    throw new Error(`the ${detector.kind} model gave no probability per kind`);
  const K = kinds.classes.length;
  const proba = await detector.classProba(subset(all, split.test));
  return multiclassMetrics({
    classes: kinds.classes,
    truth: pick(codes, split.test),
    predicted: decideClasses(proba, K, threatScores(proba, K), threshold),
    proba,
    trainTruth: pick(codes, split.train),
    fitTruth: pick(codes, fit),
    labelCounts: kinds.counts,
    merged: kinds.merged,
    leftOut: kinds.leftOut,
  });
}
