// The Overview's operations: KPIs, time series, country breakdowns, distributions, correlation,
// and the filter bar's value suggestions.
import type { VigilService } from '../../../src-shared/api.js';
import { correlation } from '../analytics/correlation.js';
import { countryTotals, typeByCountry } from '../analytics/countries.js';
import { histograms, portMix } from '../analytics/distributions.js';
import { kpiSummary } from '../analytics/kpis.js';
import { timeSeries } from '../analytics/time-series.js';
import { suggestValues } from '../db/analytics-suggest.js';
import type { Db } from '../db/open.js';

export interface AnalyticsContext {
  db: Db;
}

type AnalyticsOps =
  | 'analyticsKpis'
  | 'analyticsTimeSeries'
  | 'analyticsTypeByCountry'
  | 'analyticsCountries'
  | 'analyticsHistograms'
  | 'analyticsPortMix'
  | 'analyticsCorrelation'
  | 'filterSuggestions';

export function analyticsService({ db }: AnalyticsContext): Pick<VigilService, AnalyticsOps> {
  return {
    analyticsKpis: async ({ filter }) => kpiSummary(db, filter),
    analyticsTimeSeries: async ({ filter }) => timeSeries(db, filter),
    analyticsTypeByCountry: async ({ filter }) => typeByCountry(db, filter),
    analyticsCountries: async ({ filter }) => countryTotals(db, filter),
    analyticsHistograms: async ({ filter }) => histograms(db, filter),
    analyticsPortMix: async ({ filter }) => portMix(db, filter),
    analyticsCorrelation: async ({ filter }) => correlation(db, filter),
    filterSuggestions: async ({ field, prefix, limit }) => suggestValues(db, field, prefix, limit),
  };
}
