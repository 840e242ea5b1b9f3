// Log-scale histogram bins shared by ingest (which fills them) and the charts (which label them).
// Bin 0 holds zero (and negative) values; bin k ≥ 1 holds [2^(k-1), 2^k).

export function logBin(value: number): number {
  return value < 1 ? 0 : Math.floor(Math.log2(value)) + 1;
}

/** Smallest value of a bin (0 for bin 0). */
export function binStart(bin: number): number {
  return bin <= 0 ? 0 : 2 ** (bin - 1);
}

/** What each histogram measures; the number is the `metric` column of rollup_hist. */
export const HIST_METRICS = ['bytesIn', 'bytesOut', 'durationMs'] as const;
export type HistMetric = (typeof HIST_METRICS)[number];

/**
 * The volumes some session of an answer records. A histogram bins every value a session has, 0
 * included, and no missing one: an empty histogram means no session recorded it (an access log
 * has no bytes in), which the tiles and the time chart say instead of drawing a sum of 0.
 */
export function recordedMetrics(histograms: {
  metrics: readonly { metric: HistMetric; bins: readonly unknown[] }[];
}): ReadonlySet<HistMetric> {
  return new Set(histograms.metrics.filter((m) => m.bins.length > 0).map((m) => m.metric));
}
