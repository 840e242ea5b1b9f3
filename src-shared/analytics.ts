// Schemas of the Overview's analytics answer, chart by chart. Every chart says whether it came from
// the rollup tables or had to read sessions (filters the rollups cannot answer), so the UI can say so.
import { z } from 'zod';
import { HIST_METRICS } from './analytics-bins.js';
import { SessionFilter } from './domain.js';
import { FIELD_NAMES } from './filter/fields.js';

export const AnalyticsArgs = z.object({ filter: SessionFilter.default({}) });
export const AnswerSource = z.enum(['rollup', 'sessions']);
export type AnswerSource = z.infer<typeof AnswerSource>;

export const KpiSummary = z.object({
  sessions: z.number(),
  bytesIn: z.number(),
  bytesOut: z.number(),
  /** Null when only a scan could count them (a detection-type filter over the rollups). */
  sourceIps: z.number().nullable(),
  /** False when the count is an upper bound (a long time range over the per-source rollup). */
  sourceIpsExact: z.boolean(),
  countries: z.number(),
  /** Null until a model run is active. */
  flagged: z.number().nullable(),
  /** Null until triage stores verdicts. */
  reviewed: z.number().nullable(),
  firstTs: z.number().nullable(),
  lastTs: z.number().nullable(),
  source: AnswerSource,
});
export type KpiSummary = z.infer<typeof KpiSummary>;

export const TimeSeries = z.object({
  bucketMs: z.number(),
  from: z.number().nullable(),
  to: z.number().nullable(),
  hasModel: z.boolean(),
  points: z.array(
    z.object({
      t: z.number(),
      sessions: z.number(),
      bytesIn: z.number(),
      bytesOut: z.number(),
      flagged: z.number(),
    }),
  ),
  source: AnswerSource,
});
export type TimeSeries = z.infer<typeof TimeSeries>;

export const TypeByCountry = z.object({
  cells: z.array(z.object({ country: z.string(), detectionType: z.string(), sessions: z.number() })),
  source: AnswerSource,
});
export type TypeByCountry = z.infer<typeof TypeByCountry>;

export const CountryTotals = z.object({
  hasModel: z.boolean(),
  rows: z.array(z.object({ country: z.string(), sessions: z.number(), flagged: z.number() })),
  source: AnswerSource,
});
export type CountryTotals = z.infer<typeof CountryTotals>;

export const Histograms = z.object({
  metrics: z.array(
    z.object({
      metric: z.enum(HIST_METRICS),
      bins: z.array(z.object({ bin: z.number(), sessions: z.number() })),
    }),
  ),
  /** True when the time range was widened to whole days (the histogram rollup's finest bucket). */
  widened: z.boolean(),
  source: AnswerSource,
});
export type Histograms = z.infer<typeof Histograms>;

export const PortMix = z.object({
  protocols: z.array(z.object({ protocol: z.string(), sessions: z.number() })),
  /** dstPort -1: sessions without a destination port. */
  ports: z.array(z.object({ dstPort: z.number(), sessions: z.number() })),
  widened: z.boolean(),
  source: AnswerSource,
});
export type PortMix = z.infer<typeof PortMix>;

export const Correlation = z.object({
  features: z.array(z.string()),
  /** Pearson r; null where a feature is constant in the sample. */
  matrix: z.array(z.array(z.number().nullable())),
  sampleSize: z.number(),
});
export type Correlation = z.infer<typeof Correlation>;

/**
 * Every chart of the Overview for one filter, in one answer: the charts share one pass over the
 * sessions when the rollups cannot answer, and the page asks one question per filter.
 */
export const OverviewAnswer = z.object({
  kpis: KpiSummary,
  series: TimeSeries,
  typeByCountry: TypeByCountry,
  countries: CountryTotals,
  histograms: Histograms,
  ports: PortMix,
  correlation: Correlation,
});
export type OverviewAnswer = z.infer<typeof OverviewAnswer>;

export const SuggestionArgs = z.object({
  field: z.enum(FIELD_NAMES as [string, ...string[]]),
  prefix: z.string().max(200).default(''),
  limit: z.number().int().min(1).max(50).default(12),
});
/** sessions -1: the count is not known cheaply (destination IPs). */
export const SuggestionValues = z.array(z.object({ value: z.string(), sessions: z.number() }));
