import { useMemo } from 'react';
import type { Histograms } from '../../../src-shared/analytics.js';
import type { HistMetric } from '../../../src-shared/analytics-bins.js';
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

/**
 * The volumes some session of the answer records. A histogram bins every value a session has, 0
 * included, and no missing one: an empty histogram means no session recorded it (an access log
 * has no bytes in), which the tiles and the time chart say instead of drawing a sum of 0.
 */
export function recordedMetrics(histograms: Histograms): ReadonlySet<HistMetric> {
  return new Set(histograms.metrics.filter((m) => m.bins.length > 0).map((m) => m.metric));
}
