// "Why flagged": a row's strongest pushes toward suspicious, as stored in scores.explanation.

import type { FeatureContribution } from '../../../../src-shared/models.js';
import { must } from '../../../../src-shared/must.js';

export const TOP_FEATURES = 5;

export function topContributions(columns: string[], contributions: Float64Array): FeatureContribution[] {
  return Array.from(contributions, (contribution, i) => ({
    feature: must(columns[i], 'the column of a contribution'),
    contribution,
  }))
    .filter((c) => c.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, TOP_FEATURES)
    .map((c) => ({ feature: c.feature, contribution: Math.round(c.contribution * 1e4) / 1e4 }));
}
