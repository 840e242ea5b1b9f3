import type { SessionFilter } from '../../../src-shared/domain.js';
import { partOf, queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';

/** Every Overview chart for one filter, from one question; each chart gets its part of the answer. */
export function useOverviewData(filter: SessionFilter) {
  const overview = queryState(useVigilQuery('analyticsOverview', { filter }));
  return {
    error: overview.error,
    kpis: partOf(overview, (o) => o.kpis),
    series: partOf(overview, (o) => o.series),
    typeByCountry: partOf(overview, (o) => o.typeByCountry),
    countries: partOf(overview, (o) => o.countries),
    histograms: partOf(overview, (o) => o.histograms),
    ports: partOf(overview, (o) => o.ports),
    correlation: partOf(overview, (o) => o.correlation),
  };
}
