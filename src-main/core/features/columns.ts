// The numeric features of a session, in matrix order. Byte counts and rates are log1p-compressed:
// traffic volumes span six orders of magnitude and a scaler cannot fix a tail that heavy.

/** Per-session features, then per-source sliding-window features. */
export const NUMERIC_FEATURES = [
  'log_bytes_in',
  'log_bytes_out',
  'log_duration_s',
  'log_bytes_ratio',
  'log_bytes_per_s',
  'log_avg_packet_bytes',
  'has_packets',
  'hour_sin',
  'hour_cos',
  'port_well_known',
  'port_registered',
  'port_ephemeral',
  'response_error',
  'src_window_sessions',
  'src_window_dst_ips',
  'src_window_dst_ports',
  'src_window_bytes_out',
  'src_window_gap_cv',
] as const;

export const NUMERIC_COUNT = NUMERIC_FEATURES.length;
/** Index of the first per-source window feature. */
export const WINDOW_OFFSET = NUMERIC_FEATURES.indexOf('src_window_sessions');

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface SessionValues {
  startTs: number;
  endTs: number;
  dstPort: number | null;
  bytesIn: number | null;
  bytesOut: number | null;
  packets: number | null;
  responseCode: number | null;
}

/** Writes the per-session features of one row at `out[at … at + WINDOW_OFFSET)`. */
export function writeSessionFeatures(s: SessionValues, out: Float32Array, at: number): void {
  const bytesIn = Math.max(0, s.bytesIn ?? 0);
  const bytesOut = Math.max(0, s.bytesOut ?? 0);
  const seconds = Math.max(0, s.endTs - s.startTs) / 1000;
  out[at] = Math.log1p(bytesIn);
  out[at + 1] = Math.log1p(bytesOut);
  out[at + 2] = Math.log1p(seconds);
  out[at + 3] = Math.log1p(bytesOut / Math.max(bytesIn, 1));
  // Sub-second sessions count as one second: a rate over 0 ms says nothing.
  out[at + 4] = Math.log1p((bytesIn + bytesOut) / Math.max(seconds, 1));
  const packets = s.packets ?? 0;
  out[at + 5] = packets > 0 ? Math.log1p((bytesIn + bytesOut) / packets) : 0;
  out[at + 6] = packets > 0 ? 1 : 0;
  // Cyclic hour: 23:59 and 00:00 are neighbours.
  const angle = (2 * Math.PI * (((s.startTs % DAY_MS) + DAY_MS) % DAY_MS)) / DAY_MS;
  out[at + 7] = Math.sin(angle);
  out[at + 8] = Math.cos(angle);
  const port = s.dstPort;
  out[at + 9] = port !== null && port < 1024 ? 1 : 0;
  out[at + 10] = port !== null && port >= 1024 && port < 49152 ? 1 : 0;
  out[at + 11] = port !== null && port >= 49152 ? 1 : 0;
  out[at + 12] = s.responseCode !== null && s.responseCode >= 400 ? 1 : 0;
}

export const DEFAULT_WINDOW_MS = HOUR_MS;
