import { useMemo } from 'react';
import { recordedMetrics } from '../../../src-shared/analytics-bins.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { partOf, queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';

/** Every Overview chart for one filter, from one question; each chart gets its part of the answer. */
export function useOverviewData(filter: SessionFilter) {
  const overview = queryState(useVigilQuery('analyticsOverview', { filter }));
  const histograms = overview.data?.histograms;
  // One set per answer, so the charts given it redraw with the answer, not with every render.
  const recorded = useMemo(() => (histograms ? recordedMetrics(histograms) : null), [histograms]);
  return {
    error: overview.error,
    kpis: partOf(overview, (o) => o.kpis),
    series: partOf(overview, (o) => o.series),
    typeByCountry: partOf(overview, (o) => o.typeByCountry),
    countries: partOf(overview, (o) => o.countries),
    histograms: partOf(overview, (o) => o.histograms),
    ports: partOf(overview, (o) => o.ports),
    correlation: partOf(overview, (o) => o.correlation),
    recorded,
  };
}
