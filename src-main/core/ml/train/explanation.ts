// "Why flagged": a row's strongest pushes toward suspicious, as stored in scores.explanation, each
// with the row's value of the feature, the training average and how far apart they lie, so the
// reader sees what was unusual ("Bytes out 2.1 MB, typical 3.4 kB") and not only a weight.

import type { FeatureContribution } from '../../../../src-shared/models.js';
import { must } from '../../../../src-shared/must.js';
import { type FeatureSchema, scaledCount } from '../../features/schema.js';

export const TOP_FEATURES = 5;

const rounded = (value: number) => Math.round(value * 1e4) / 1e4;

/**
 * The top contributions of one row. `row` is the row as the model read it: scaled columns are
 * (value − mean) / std of the training rows (schema.ts), so the z-score is the cell itself and the
 * value is turned back from it; a one-hot cell is its value.
 */
export function topContributions(
  schema: FeatureSchema,
  contributions: Float64Array,
  row: ArrayLike<number>,
): FeatureContribution[] {
  const scaled = scaledCount(schema);
  return Array.from(contributions, (contribution, i) => ({ i, contribution }))
    .filter((c) => c.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, TOP_FEATURES)
    .map(({ i, contribution }) => {
      const feature = must(schema.columns[i], 'the column of a contribution');
      const cell = must(row[i], 'the cell of a contribution');
      if (i >= scaled) return { feature, contribution: rounded(contribution), value: cell };
      const mean = must(schema.mean[i], 'the mean of a scaled column');
      const std = must(schema.std[i], 'the deviation of a scaled column');
      return {
        feature,
        contribution: rounded(contribution),
        value: rounded(cell * std + mean),
        typical: rounded(mean),
        sd: rounded(cell),
      };
    });
}
