import { GRANULARITIES, type PairCell, type SourceCell, type TimeCell } from '../db/rollups.js';
import { AnalyticsAccumulator, type AnalyticsCells, TextAnalyticsAccumulator } from './analytics-cells.js';

const MINUTE = GRANULARITIES[0];

export interface RollupCells {
  time: TimeCell[];
  pairs: PairCell[];
  sources: SourceCell[];
  analytics: AnalyticsCells;
}

export interface RollupInput {
  startTs: number;
  srcIp: string;
  dstIp: string | null;
  country: string | null;
  detectionType: string | null;
  bytesIn: number | null;
  bytesOut: number | null;
  endTs: number;
  protocol: string | null;
  dstPort: number | null;
  ruleName: string | null;
  action: string | null;
  label: string | null;
}

/** Aggregates rows into minute × country × type, IP-pair and source cells (one batch at a time). */
export class RollupAccumulator {
  private readonly times = new Map<string, TimeCell>();
  private readonly pairs = new Map<string, PairCell>();
  private readonly sources = new Map<string, SourceCell>();
  private readonly analytics: TextAnalyticsAccumulator;

  constructor(private readonly sign: 1 | -1 = 1) {
    this.analytics = new TextAnalyticsAccumulator(sign);
  }

  get empty(): boolean {
    return this.times.size === 0;
  }

  add(row: RollupInput): void {
    const sign = this.sign;
    this.analytics.add(row);
    const bytesIn = sign * (row.bytesIn ?? 0);
    const bytesOut = sign * (row.bytesOut ?? 0);
    const ts = row.startTs;
    const bucket = ts - (((ts % MINUTE) + MINUTE) % MINUTE);
    const country = row.country ?? '';
    const detectionType = row.detectionType ?? '';
    const timeKey = `${bucket}|${country}|${detectionType}`;
    const time = this.times.get(timeKey);
    if (time) {
      time.sessions += sign;
      time.bytesIn += bytesIn;
      time.bytesOut += bytesOut;
    } else {
      this.times.set(timeKey, { bucket, country, detectionType, sessions: sign, bytesIn, bytesOut });
    }
    const dstIp = row.dstIp ?? '';
    const pairKey = `${row.srcIp}|${dstIp}`;
    const pair = this.pairs.get(pairKey);
    if (pair) addTo(pair, sign, bytesIn, bytesOut, ts);
    else
      this.pairs.set(pairKey, {
        srcIp: row.srcIp,
        dstIp,
        sessions: sign,
        bytesIn,
        bytesOut,
        firstTs: ts,
        lastTs: ts,
      });
    const source = this.sources.get(row.srcIp);
    if (source) addTo(source, sign, bytesIn, bytesOut, ts);
    else
      this.sources.set(row.srcIp, {
        srcIp: row.srcIp,
        country,
        sessions: sign,
        bytesIn,
        bytesOut,
        firstTs: ts,
        lastTs: ts,
      });
  }

  take(): RollupCells {
    const cells = {
      time: [...this.times.values()],
      pairs: [...this.pairs.values()],
      sources: [...this.sources.values()],
      analytics: this.analytics.take(),
    };
    this.times.clear();
    this.pairs.clear();
    this.sources.clear();
    return cells;
  }
}

function addTo(
  cell: Omit<PairCell, 'srcIp' | 'dstIp'>,
  sign: number,
  bytesIn: number,
  bytesOut: number,
  ts: number,
): void {
  cell.sessions += sign;
  cell.bytesIn += bytesIn;
  cell.bytesOut += bytesOut;
  if (ts < cell.firstTs) cell.firstTs = ts;
  if (ts > cell.lastTs) cell.lastTs = ts;
}

/**
 * The parser-side twin of RollupAccumulator: keys are the batch dictionary's string codes, so a
 * row costs a few numeric map lookups instead of building three key strings.
 */
export class CodedRollups {
  private readonly minutes = new Map<number, Map<number, TimeCell>>();
  private readonly pairs = new Map<number, PairCell>();
  private readonly sources = new Map<number, SourceCell>();
  /** The analytics rollups' cells (histograms, port mix, values), fed by the caller per row. */
  readonly analytics = new AnalyticsAccumulator();

  add(
    dict: readonly string[],
    ts: number,
    src: number,
    dst: number,
    country: number,
    type: number,
    bytesIn: number,
    bytesOut: number,
  ): void {
    const bucket = ts - (((ts % MINUTE) + MINUTE) % MINUTE);
    let cells = this.minutes.get(bucket);
    if (!cells) {
      cells = new Map();
      this.minutes.set(bucket, cells);
    }
    // Codes are below 2^18 (a batch has at most 9 × 20 000 strings); +1 makes "missing" (-1) a 0.
    const cellKey = (country + 1) * 262144 + (type + 1);
    const time = cells.get(cellKey);
    if (time) {
      time.sessions++;
      time.bytesIn += bytesIn;
      time.bytesOut += bytesOut;
    } else {
      const countryText = country < 0 ? '' : dict[country]!;
      const typeText = type < 0 ? '' : dict[type]!;
      cells.set(cellKey, {
        bucket,
        country: countryText,
        detectionType: typeText,
        sessions: 1,
        bytesIn,
        bytesOut,
      });
    }
    const pairKey = src * 262144 + (dst + 1);
    const pair = this.pairs.get(pairKey);
    if (pair) addTo(pair, 1, bytesIn, bytesOut, ts);
    else
      this.pairs.set(pairKey, {
        srcIp: dict[src]!,
        dstIp: dst < 0 ? '' : dict[dst]!,
        sessions: 1,
        bytesIn,
        bytesOut,
        firstTs: ts,
        lastTs: ts,
      });
    const source = this.sources.get(src);
    if (source) addTo(source, 1, bytesIn, bytesOut, ts);
    else
      this.sources.set(src, {
        srcIp: dict[src]!,
        country: country < 0 ? '' : dict[country]!,
        sessions: 1,
        bytesIn,
        bytesOut,
        firstTs: ts,
        lastTs: ts,
      });
  }

  take(): RollupCells {
    const time: TimeCell[] = [];
    for (const cells of this.minutes.values()) for (const cell of cells.values()) time.push(cell);
    const taken = {
      time,
      pairs: [...this.pairs.values()],
      sources: [...this.sources.values()],
      analytics: this.analytics.take(),
    };
    this.minutes.clear();
    this.pairs.clear();
    this.sources.clear();
    return taken;
  }
}

/** Folds minute cells into coarser buckets (hour, day) so each level costs a few upserts per batch. */
export function coarsen(minutes: TimeCell[], granularity: number): TimeCell[] {
  if (granularity === MINUTE) return minutes;
  const out = new Map<string, TimeCell>();
  for (const cell of minutes) {
    const bucket = cell.bucket - (((cell.bucket % granularity) + granularity) % granularity);
    const key = `${bucket}|${cell.country}|${cell.detectionType}`;
    const into = out.get(key);
    if (into) {
      into.sessions += cell.sessions;
      into.bytesIn += cell.bytesIn;
      into.bytesOut += cell.bytesOut;
    } else {
      out.set(key, { ...cell, bucket });
    }
  }
  return [...out.values()];
}
