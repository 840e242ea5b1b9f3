// Everything the Overview's charts need from the sessions a filter selects, summed in one pass:
// volumes, flagged sessions, distinct sources, sessions per country × type × protocol × port, per
// minute, and per log bin of each measure. Filters the rollups cannot answer used to cost one scan per chart, and
// most of those scans sorted every matching row for a GROUP BY or DISTINCT.

import { logBin } from '../../../src-shared/analytics-bins.js';
import { must } from '../../../src-shared/must.js';
import type { BinRow, PortRow } from '../db/analytics-mix.js';
import type { SeriesRow, Totals } from '../db/analytics-queries.js';

const MINUTE = 60_000;
// logBin of the largest finite double is 1025.
const BINS = 1026;

/** Sessions, byte sums and flagged sessions of one cell. */
type Sums = [sessions: number, bytesIn: number, bytesOut: number, flagged: number];

export interface GroupRow {
  country: string;
  detectionType: string;
  sessions: number;
  flagged: number;
}

export class SessionDigest {
  /**
   * `flaggedIds[id]` is 1 for the sessions an active run flagged. A lookup by id costs next to
   * nothing per row, where SQL's `id IN (flagged ids)` added 0.2 s over 889 k sessions.
   */
  constructor(private readonly flaggedIds: Uint8Array = new Uint8Array(0)) {}

  sessions = 0;
  bytesIn = 0;
  bytesOut = 0;
  /** Sessions flagged by an active model run. */
  flagged = 0;
  /** Distinct source addresses (the set itself is dropped by `seal`: it can be large). */
  sourceIps = 0;
  private sources: Set<string> | null = new Set();
  // country → detection type → protocol → port → sums; '' and -1 stand for a missing value, as
  // the SQL it replaces coalesced them.
  private readonly cells = new Map<string, Map<string, Map<string, Map<number, Sums>>>>();
  private readonly minutes = new Map<number, Sums>();
  // One per HIST_METRICS entry, in its order.
  private readonly bins: [bytesIn: Float64Array, bytesOut: Float64Array, durationMs: Float64Array] = [
    new Float64Array(BINS),
    new Float64Array(BINS),
    new Float64Array(BINS),
  ];

  /**
   * Adds one session's values, as stored (nulls included). Static, with the digest first: it is
   * the step of the SQL aggregate that reads them (session-digest-read.ts, db/js-aggregate.ts).
   */
  static add(
    digest: SessionDigest,
    startTs: number,
    durationMs: number | null,
    country: string | null,
    detectionType: string | null,
    protocol: string | null,
    dstPort: number | null,
    bytesIn: number | null,
    bytesOut: number | null,
    srcIp: string | null,
    id: number,
  ): SessionDigest {
    const flagged = digest.flaggedIds[id] ?? 0;
    const inBytes = bytesIn ?? 0;
    const outBytes = bytesOut ?? 0;
    digest.sessions++;
    digest.bytesIn += inBytes;
    digest.bytesOut += outBytes;
    digest.flagged += flagged;
    if (srcIp !== null) must(digest.sources, 'the source set of a digest not yet sealed').add(srcIp);
    const byType = child(digest.cells, country ?? '');
    const byProtocol = child(byType, detectionType ?? '');
    count(child(byProtocol, protocol ?? ''), dstPort ?? -1, inBytes, outBytes, flagged);
    // SQLite's integer division truncates toward zero; minutes nest in every series bucket.
    count(digest.minutes, Math.trunc(startTs / MINUTE), inBytes, outBytes, flagged);
    if (bytesIn !== null) countIn(digest.bins[0], bytesIn);
    if (bytesOut !== null) countIn(digest.bins[1], bytesOut);
    if (durationMs !== null) countIn(digest.bins[2], durationMs);
    return digest;
  }

  /** Ends the pass: keeps the count of sources, not the addresses. */
  seal(): this {
    this.sourceIps = this.sources?.size ?? this.sourceIps;
    this.sources = null;
    return this;
  }

  totals(): Totals {
    let countries = 0;
    for (const country of this.cells.keys()) if (country !== '') countries++;
    return { sessions: this.sessions, bytesIn: this.bytesIn, bytesOut: this.bytesOut, countries };
  }

  /** Sessions per country and detection type, in key order (the order GROUP BY returned). */
  byCountryAndType(): GroupRow[] {
    const rows: GroupRow[] = [];
    for (const [country, byType] of sorted(this.cells))
      for (const [detectionType, byProtocol] of sorted(byType)) {
        let sessions = 0;
        let flagged = 0;
        for (const byPort of byProtocol.values())
          for (const sums of byPort.values()) {
            sessions += sums[0];
            flagged += sums[3];
          }
        rows.push({ country, detectionType, sessions, flagged });
      }
    return rows;
  }

  /** Sessions and flagged sessions per country, in key order. */
  byCountry(): { country: string; sessions: number; flagged: number }[] {
    const perCountry = new Map<string, { country: string; sessions: number; flagged: number }>();
    for (const { country, sessions, flagged } of this.byCountryAndType()) {
      const into = perCountry.get(country);
      if (into) {
        into.sessions += sessions;
        into.flagged += flagged;
      } else perCountry.set(country, { country, sessions, flagged });
    }
    return [...perCountry.values()];
  }

  /** Sessions per protocol and port, ordered by protocol then port. */
  ports(): PortRow[] {
    const perKey = new Map<string, Map<number, number>>();
    for (const byType of this.cells.values())
      for (const byProtocol of byType.values())
        for (const [protocol, byPort] of byProtocol) {
          const into = child(perKey, protocol);
          for (const [dstPort, sums] of byPort) into.set(dstPort, (into.get(dstPort) ?? 0) + sums[0]);
        }
    return sorted(perKey).flatMap(([protocol, byPort]) =>
      [...byPort].sort((a, b) => a[0] - b[0]).map(([dstPort, sessions]) => ({ protocol, dstPort, sessions })),
    );
  }

  /** Sessions, bytes and flagged sessions per bucket of `size` ms (whole minutes), by time. */
  series(size: number): (SeriesRow & { flagged: number })[] {
    if (size % MINUTE !== 0) throw new Error(`series bucket of ${size} ms is not whole minutes`);
    const buckets = new Map<number, Sums>();
    for (const [minute, sums] of this.minutes) {
      const t = Math.trunc((minute * MINUTE) / size) * size;
      const into = buckets.get(t);
      if (into) {
        into[0] += sums[0];
        into[1] += sums[1];
        into[2] += sums[2];
        into[3] += sums[3];
      } else buckets.set(t, [...sums]);
    }
    return [...buckets]
      .sort((a, b) => a[0] - b[0])
      .map(([t, [sessions, bytesIn, bytesOut, flagged]]) => ({ t, sessions, bytesIn, bytesOut, flagged }));
  }

  /** Sessions per log bin of each measure, by metric then bin. */
  histogram(): BinRow[] {
    return this.bins.flatMap((counts, metric) => {
      const rows: BinRow[] = [];
      counts.forEach((sessions, bin) => {
        if (sessions > 0) rows.push({ metric, bin, sessions });
      });
      return rows;
    });
  }
}

/** Counts `value` in its log bin; Infinity and NaN have none and are not counted. */
function countIn(bins: Float64Array, value: number): void {
  const bin = logBin(value);
  const sessions = bins[bin];
  if (sessions !== undefined) bins[bin] = sessions + 1;
}

function child<K, V extends Map<unknown, unknown>>(map: Map<K, V>, key: K): V {
  let value = map.get(key);
  if (value === undefined) {
    value = new Map() as V;
    map.set(key, value);
  }
  return value;
}

function count<K>(map: Map<K, Sums>, key: K, bytesIn: number, bytesOut: number, flagged: number): void {
  const sums = map.get(key);
  if (sums === undefined) map.set(key, [1, bytesIn, bytesOut, flagged]);
  else {
    sums[0]++;
    sums[1] += bytesIn;
    sums[2] += bytesOut;
    sums[3] += flagged;
  }
}

/**
 * Entries by key. UTF-16 order, which is SQLite's BINARY (UTF-8) order except between astral and
 * high-BMP characters; the order only breaks ties between equal counts.
 */
function sorted<V>(map: Map<string, V>): [string, V][] {
  return [...map].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
