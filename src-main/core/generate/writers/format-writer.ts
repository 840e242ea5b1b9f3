// What every output format implements: a header, and the lines for one session (network formats)
// or one request (web formats).
import type { Server } from '../population.js';
import type { Session } from '../session.js';

/** Where a writer puts its lines; the generator numbers them and keeps the labels. */
export interface LineSink {
  /** A line that records (part of) a session of the given kind. */
  record(line: string, kind: number): void;
  /** A line that is not a session (a VPC NODATA record): not labelled. */
  other(line: string): void;
}

export interface FormatWriter<T = Session> {
  /** The header line (without its newline), or null for formats without one. */
  readonly header: string | null;
  /** True when the format has no column for the label, so labels go to PATH.labels.csv. */
  readonly sidecarLabels: boolean;
  write(item: T, sink: LineSink): void;
}

export interface WriterContext {
  seed: number;
  servers: readonly Server[];
}

export interface WebWriterContext {
  seed: number;
}

/** A cheap 32-bit mix of a per-source key, for stable per-source picks (user agent, URI). */
export function mixKey(key: number, salt: number): number {
  let h = Math.imul(key ^ salt, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca77);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Fake AWS account, the one AWS documentation uses: obviously not a real account. */
export const ACCOUNT_ID = '123456789012';
