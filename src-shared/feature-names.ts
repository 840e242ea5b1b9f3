// What a model's feature columns mean, in the words the Models view and "why flagged" show. The
// columns are named in core/features (columns.ts, request-columns.ts, schema.ts); a test checks
// that every one of them has a name here. A column without one shows its own name.

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
  src_window_sessions: 'Source: sessions in window',
  src_window_dst_ips: 'Source: destinations in window',
  src_window_dst_ports: 'Source: ports in window',
  src_window_bytes_out: 'Source: bytes out in window',
  src_window_gap_cv: 'Source: regularity of gaps',
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
  src_window_4xx_share: 'Source: share of 4xx in window',
  src_window_distinct_paths: 'Source: distinct paths in window',
  src_window_login_attempts: 'Source: login attempts in window',
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
