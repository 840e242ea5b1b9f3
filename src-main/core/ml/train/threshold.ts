// Where "flagged" starts. Scores are oriented higher = more suspicious for every kind.
import type { ModelKind, ModelParams } from '../../../../src-shared/models.js';
import { percentile } from '../forest/index.js';

/** sklearn's contamination='auto' offset −0.5, in our orientation (score = −score_samples). */
const ISOLATION_AUTO = 0.5;
/** A classifier's probability: flagged when malicious is the likelier class. */
const CLASSIFIER_DEFAULT = 0.5;

/**
 * A flag rate (or an Isolation Forest's contamination) becomes the matching quantile of the
 * training rows' scores; otherwise each kind's natural cut.
 */
export function chooseThreshold(
  kind: ModelKind,
  params: ModelParams,
  trainScores: ArrayLike<number>,
): number {
  const rate = params.flagRate ?? (kind === 'iforest' ? params.contamination : undefined);
  if (rate !== undefined) return percentile(trainScores, 100 * (1 - rate));
  return kind === 'iforest' ? ISOLATION_AUTO : CLASSIFIER_DEFAULT;
}
