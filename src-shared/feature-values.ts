// A feature's value as an analyst reads it, for "why flagged": the session's own value in its unit
// (bytes, seconds, a count, a share, yes or no) beside what is typical for the model, and which way
// it lies. The models read many columns through log1p (byte counts, window counts, rule hits:
// core/features), so a value is turned back before it is shown: "Bytes out 2.1 MB", not "14.6".
import { featureName } from './feature-names.js';
import { formatBytes } from './format-bytes.js';

type Unit =
  | 'bytes'
  | 'bytes/s'
  | 'seconds'
  | 'times'
  | 'count'
  | 'characters'
  | 'share'
  | 'bits'
  | 'yes-no'
  | 'number';

/** Columns the features store as log1p(x): the unit of x. */
const LOG1P: Record<string, Unit> = {
  log_bytes_in: 'bytes',
  log_bytes_out: 'bytes',
  log_duration_s: 'seconds',
  log_bytes_ratio: 'times',
  log_bytes_per_s: 'bytes/s',
  log_avg_packet_bytes: 'bytes',
  src_window_sessions: 'count',
  src_window_dst_ips: 'count',
  src_window_dst_ports: 'count',
  src_window_bytes_out: 'bytes',
  log_path_length: 'characters',
  log_query_length: 'characters',
  src_window_distinct_paths: 'count',
  src_window_login_attempts: 'count',
  rule_hits_informational: 'count',
  rule_hits_low: 'count',
  rule_hits_medium: 'count',
  rule_hits_high: 'count',
  rule_hits_critical: 'count',
  src_window_rule_hit_sessions: 'count',
};

/** Columns stored as they are. */
const PLAIN: Record<string, Unit> = {
  path_depth: 'count',
  query_entropy: 'bits',
  path_special_share: 'share',
  path_percent_share: 'share',
  query_special_share: 'share',
  query_percent_share: 'share',
  src_window_4xx_share: 'share',
  has_packets: 'yes-no',
  port_well_known: 'yes-no',
  port_registered: 'yes-no',
  port_ephemeral: 'yes-no',
  response_error: 'yes-no',
  ua_browser: 'yes-no',
  ua_bot: 'yes-no',
  ua_tool: 'yes-no',
  ua_empty: 'yes-no',
  status_2xx: 'yes-no',
  status_3xx: 'yes-no',
  status_4xx: 'yes-no',
  status_5xx: 'yes-no',
};

const isOneHot = (column: string) => column.startsWith('country_') || column.startsWith('protocol_');

function unitOf(column: string): { unit: Unit; log1p: boolean } {
  const logged = LOG1P[column];
  if (logged) return { unit: logged, log1p: true };
  if (isOneHot(column)) return { unit: 'yes-no', log1p: false };
  return { unit: PLAIN[column] ?? 'number', log1p: false };
}

const trimmed = (value: number, digits: number) => String(Number(value.toFixed(digits)));

function inUnit(value: number, unit: Unit): string {
  switch (unit) {
    case 'bytes':
      return formatBytes(Math.round(Math.max(0, value)));
    case 'bytes/s':
      return `${formatBytes(Math.round(Math.max(0, value)))}/s`;
    case 'seconds':
      return `${trimmed(value, value < 10 ? 1 : 0)} s`;
    case 'times':
      return `×${trimmed(value, 1)}`;
    case 'count':
      return trimmed(value, value < 10 ? 1 : 0);
    case 'characters':
      return `${Math.round(value)} characters`;
    case 'share':
      return `${trimmed(100 * value, 1)} %`;
    case 'bits':
      return `${trimmed(value, 2)} bits`;
    case 'yes-no':
      return value >= 0.5 ? 'yes' : 'no';
    case 'number':
      return trimmed(value, 2);
  }
}

/** A column's value (as the features store it) in words: "2.1 MB", "42 %", "yes". */
export function featureValueInWords(column: string, stored: number): string {
  const { unit, log1p } = unitOf(column);
  return inUnit(log1p ? Math.expm1(stored) : stored, unit);
}

/** One entry of "why flagged" as stored with a score; `value`, `typical` and `sd` since they were kept. */
export interface WhyEntry {
  feature: string;
  contribution: number;
  /** The session's value, as the features store it. */
  value?: number;
  /** The training rows' average of the column, as stored (the scaler's mean); absent for a one-hot. */
  typical?: number;
  /** How many standard deviations of the training rows the value lies from `typical`. */
  sd?: number;
}

/**
 * "Bytes out 2.1 MB, typical 3.4 kB (3.1 SD above)" — or only the name for a flag stored before
 * values were kept. A log1p column's typical value is the training average of the log, turned back
 * (a geometric-style middle, not the arithmetic mean).
 */
export function whyEntryInWords(entry: WhyEntry): string {
  const name = featureName(entry.feature);
  if (entry.value === undefined) return name;
  // "Bytes out (log)" names the column the model reads; the value shown is turned back.
  const unlogged = name.replace(/ \(log( s)?\)$/, '');
  const value = featureValueInWords(entry.feature, entry.value);
  if (entry.typical === undefined || entry.sd === undefined || unitOf(entry.feature).unit === 'yes-no')
    return `${unlogged}: ${value}`;
  const typical = featureValueInWords(entry.feature, entry.typical);
  const way =
    Math.abs(entry.sd) < 0.05
      ? 'at the average'
      : `${trimmed(Math.abs(entry.sd), 1)} SD ${entry.sd > 0 ? 'above' : 'below'}`;
  return `${unlogged}: ${value}, typical ${typical} (${way})`;
}
