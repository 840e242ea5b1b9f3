// Scoring with a threat-type run: each batch's class probabilities give the score (1 − P(benign))
// and, for each flagged session, the kind it is most likely to be with that kind's probability.
import type { ModelRun } from '../../../../src-shared/models.js';
import type { ScoreBatch } from '../../db/scores.js';
import type { Detector, FeatureData } from '../models/detector.js';
import { threatScores, topKind } from '../models/kind-decision.js';

/** The run's class names by code, checked against the loaded model; null for a malicious-or-not run. */
export function runClassNames(run: ModelRun, detector: Detector): string[] | null {
  if (run.target !== 'type') return null;
  const classes = run.metrics?.multiclass?.classes;
  if (!classes || !detector.classProba || detector.classes !== classes.length)
    throw new Error(`Run ${run.id} learned kinds of threat but its stored model or class names are missing`);
  return classes;
}

/** Scores of a batch, with the class probabilities when the run learned kinds. */
export async function scoreWithKinds(
  detector: Detector,
  data: FeatureData,
  classes: string[] | null,
): Promise<{ scores: Float64Array; proba: Float64Array | null }> {
  if (!classes || !detector.classProba) return { scores: await detector.score(data), proba: null };
  const proba = await detector.classProba(data);
  return { scores: threatScores(proba, classes.length), proba };
}

/** The predicted kind and its probability of each flagged row (null for the others). */
export function flaggedKinds(
  proba: Float64Array,
  classes: string[],
  flaggedRows: number[],
  rows: number,
): NonNullable<ScoreBatch['kinds']> {
  const K = classes.length;
  const kind: (string | null)[] = new Array(rows).fill(null);
  const probability = new Float64Array(rows);
  for (const r of flaggedRows) {
    const c = topKind(proba, K, r);
    kind[r] = classes[c] ?? null;
    probability[r] = proba[r * K + c] ?? 0;
  }
  return { kind, probability };
}
