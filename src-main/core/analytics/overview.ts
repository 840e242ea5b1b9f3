// The Overview's one question: every chart for a filter. A filter the rollups cannot answer is read
// once (session-digest-read.ts keeps the pass for the charts that follow); the correlation samples.
import type { OverviewAnswer } from '../../../src-shared/analytics.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { Db } from '../db/open.js';
import { correlation } from './correlation.js';
import { countryTotals, typeByCountry } from './countries.js';
import { histograms, portMix } from './distributions.js';
import { kpiSummary } from './kpis.js';
import { timeSeries } from './time-series.js';

export function overview(db: Db, filter: SessionFilter): OverviewAnswer {
  return {
    kpis: kpiSummary(db, filter),
    series: timeSeries(db, filter),
    typeByCountry: typeByCountry(db, filter),
    countries: countryTotals(db, filter),
    histograms: histograms(db, filter),
    ports: portMix(db, filter),
    correlation: correlation(db, filter),
  };
}
