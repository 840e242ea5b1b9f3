// What a model's feature columns mean, in the words the Models view and "why flagged" show. The
// columns are named in core/features (columns.ts, request-columns.ts, rule-hit-columns.ts,
// schema.ts); a test checks that every one of them has a name here. A column without one shows its
// own name. Per-source window features say so at the end ("…, per source"), so the list reads by
// what is measured first.

const NAMES: Record<string, string> = {
  log_bytes_in: 'Bytes in (log)',
  log_bytes_out: 'Bytes out (log)',
  log_duration_s: 'Duration (log s)',
  log_bytes_ratio: 'Bytes out per byte in (log)',
  log_bytes_per_s: 'Bytes per second (log)',
  log_avg_packet_bytes: 'Bytes per packet (log)',
  has_packets: 'Packet count known',
  hour_sin: 'Hour of day (sine)',
  hour_cos: 'Hour of day (cosine)',
  port_well_known: 'Port below 1024',
  port_registered: 'Port 1024–49151',
  port_ephemeral: 'Port 49152 or above',
  response_error: 'Error response (≥ 400)',
  src_window_sessions: 'Sessions in the window, per source',
  src_window_dst_ips: 'Distinct destinations, per source',
  src_window_dst_ports: 'Distinct ports, per source',
  src_window_bytes_out: 'Bytes out in the window, per source',
  src_window_gap_cv: 'Regularity of gaps, per source',
  path_depth: 'Path depth',
  log_path_length: 'Path length (log)',
  path_special_share: 'Special characters in path',
  path_percent_share: 'Percent-encoding in path',
  log_query_length: 'Query length (log)',
  query_special_share: 'Special characters in query',
  query_percent_share: 'Percent-encoding in query',
  query_entropy: 'Query entropy',
  ua_browser: 'User agent: browser',
  ua_bot: 'User agent: bot',
  ua_tool: 'User agent: tool',
  ua_empty: 'User agent: empty',
  status_2xx: 'Status 2xx',
  status_3xx: 'Status 3xx',
  status_4xx: 'Status 4xx',
  status_5xx: 'Status 5xx',
  src_window_4xx_share: 'Share of 4xx answers, per source',
  src_window_distinct_paths: 'Distinct paths, per source',
  src_window_login_attempts: 'Login attempts, per source',
  rule_hits_informational: 'Rule hits: informational',
  rule_hits_low: 'Rule hits: low',
  rule_hits_medium: 'Rule hits: medium',
  rule_hits_high: 'Rule hits: high',
  rule_hits_critical: 'Rule hits: critical',
  src_window_rule_hit_sessions: 'Sessions with a rule hit, per source',
  country_other: 'Country: other',
  protocol_other: 'Protocol: other',
};

/** The human name of a feature column (one-hots name their value: `country_DE` → "Country DE"). */
export function featureName(column: string): string {
  const named = NAMES[column];
  if (named !== undefined) return named;
  if (column.startsWith('country_')) return `Country ${column.slice('country_'.length)}`;
  if (column.startsWith('protocol_')) return `Protocol ${column.slice('protocol_'.length)}`;
  return column;
}
