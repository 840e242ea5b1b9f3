import type { SessionFilter } from '../../../src-shared/domain.js';
import { api } from '../../api/index.js';
import { useQuery } from '../../hooks/useQuery.js';

/** Every Overview query for one filter; each chart loads (and fails) on its own. */
export function useOverviewData(filter: SessionFilter) {
  const key = JSON.stringify(filter);
  return {
    kpis: useQuery(key, () => api.analyticsKpis({ filter })),
    series: useQuery(key, () => api.analyticsTimeSeries({ filter })),
    typeByCountry: useQuery(key, () => api.analyticsTypeByCountry({ filter })),
    countries: useQuery(key, () => api.analyticsCountries({ filter })),
    histograms: useQuery(key, () => api.analyticsHistograms({ filter })),
    ports: useQuery(key, () => api.analyticsPortMix({ filter })),
    correlation: useQuery(key, () => api.analyticsCorrelation({ filter })),
  };
}
