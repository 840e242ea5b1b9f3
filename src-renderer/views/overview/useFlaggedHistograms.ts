// The histograms of the filter's flagged sessions only, for the Overview's "Overlay flagged": the
// same question as the page's with `flagged:yes` added, so "flagged" means what it means in every
// view (the detection set, src-shared/detection-set.ts) and no new API is needed. Asked only while
// the overlay is on: no rollup holds flags per bin, so it reads the flagged sessions themselves.
import { useMemo } from 'react';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { partOf, queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { useSessionFilter } from '../../state/filter.js';

export function flaggedOnly(filter: SessionFilter): SessionFilter {
  return {
    ...filter,
    clauses: [
      ...(filter.clauses ?? []),
      { field: 'flagged', negate: false, values: [{ kind: 'text', value: 'yes' }] },
    ],
  };
}

export function useFlaggedHistograms(enabled: boolean) {
  const filter = useSessionFilter();
  const flagged = useMemo(() => flaggedOnly(filter), [filter]);
  const answer = queryState(useVigilQuery('analyticsOverview', { filter: flagged }, { enabled }));
  return partOf(answer, (o) => o.histograms);
}
