import type { SessionRow } from '../ingest/types.js';

/** Derived columns stored with each session: duration, bytes ratio (out / in) and UTC hour. */
export function derive(row: SessionRow): {
  durationMs: number;
  bytesRatio: number | null;
  hourOfDay: number;
} {
  const bytesRatio =
    row.bytesOut === null || row.bytesIn === null ? null : row.bytesOut / Math.max(row.bytesIn, 1);
  return {
    durationMs: row.endTs - row.startTs,
    bytesRatio,
    hourOfDay: Math.floor((((row.startTs % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000),
  };
}
