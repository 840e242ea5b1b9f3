// Cells of the analytics rollups (migration 004): log histograms of bytes and duration, the
// protocol × destination-port mix (both per hour × country × detection type) and session counts
// of low-cardinality values (rule, action, label) for filter autocomplete. Keys are the batch
// dictionary's string codes so a row costs numeric map lookups, as in CodedRollups.
import { logBin } from '../../../src-shared/analytics-bins.js';

export const HOUR = 3_600_000;

export interface HistCell {
  bucket: number;
  country: string;
  detectionType: string;
  metric: number;
  bin: number;
  sessions: number;
}
export interface PortCell {
  bucket: number;
  country: string;
  detectionType: string;
  protocol: string;
  dstPort: number;
  sessions: number;
  bytesIn: number;
  bytesOut: number;
}
export interface ValueCell {
  field: string;
  value: string;
  sessions: number;
}
export interface AnalyticsCells {
  hist: HistCell[];
  ports: PortCell[];
  values: ValueCell[];
}

/** Dictionary codes (-1 = missing) and numbers of one row. */
export interface CodedRow {
  startTs: number;
  endTs: number;
  country: number;
  detectionType: number;
  protocol: number;
  dstPort: number | null;
  bytesIn: number | null;
  bytesOut: number | null;
  ruleName: number;
  action: number;
  label: number;
}

export const VALUE_FIELDS = ['rule', 'action', 'label'] as const;
// Codes are below 2^18 (see CodedRollups); +1 makes "missing" (-1) a 0.
const CODE_SPAN = 262_144;

function child<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

export class AnalyticsAccumulator {
  private readonly hist = new Map<number, Map<number, HistCell>>();
  private readonly ports = new Map<number, Map<number, Map<number, PortCell>>>();
  private readonly values = new Map<number, ValueCell>();

  constructor(private readonly sign: 1 | -1 = 1) {}

  add(dict: readonly string[], row: CodedRow): void {
    const sign = this.sign;
    const text = (code: number) => (code < 0 ? '' : dict[code]!);
    const ts = row.startTs;
    const bucket = ts - (((ts % HOUR) + HOUR) % HOUR);
    const dim = (row.country + 1) * CODE_SPAN + (row.detectionType + 1);
    const hist = child(this.hist, bucket, () => new Map());
    const measures = [row.bytesIn, row.bytesOut, row.endTs - row.startTs];
    for (let metric = 0; metric < 3; metric++) {
      const value = measures[metric];
      if (value === null || value === undefined) continue;
      const bin = logBin(value);
      const cell = child(hist, dim * 256 + metric * 64 + bin, () => ({
        bucket,
        country: text(row.country),
        detectionType: text(row.detectionType),
        metric,
        bin,
        sessions: 0,
      }));
      cell.sessions += sign;
    }
    const dstPort = row.dstPort ?? -1;
    const ports = child(
      child(this.ports, bucket, () => new Map()),
      dim,
      () => new Map(),
    );
    const port = child(ports, (row.protocol + 1) * 65_538 + (dstPort + 1), () => ({
      bucket,
      country: text(row.country),
      detectionType: text(row.detectionType),
      protocol: text(row.protocol),
      dstPort,
      sessions: 0,
      bytesIn: 0,
      bytesOut: 0,
    }));
    port.sessions += sign;
    port.bytesIn += sign * (row.bytesIn ?? 0);
    port.bytesOut += sign * (row.bytesOut ?? 0);
    const codes = [row.ruleName, row.action, row.label];
    for (let f = 0; f < codes.length; f++) {
      const code = codes[f]!;
      if (code < 0) continue;
      const cell = child(this.values, f * CODE_SPAN + code, () => ({
        field: VALUE_FIELDS[f]!,
        value: dict[code]!,
        sessions: 0,
      }));
      cell.sessions += sign;
    }
  }

  take(): AnalyticsCells {
    const hist: HistCell[] = [];
    for (const cells of this.hist.values()) for (const cell of cells.values()) hist.push(cell);
    const ports: PortCell[] = [];
    for (const dims of this.ports.values())
      for (const cells of dims.values()) for (const cell of cells.values()) ports.push(cell);
    const values = [...this.values.values()];
    this.hist.clear();
    this.ports.clear();
    this.values.clear();
    return { hist, ports, values };
  }
}

/** The same accumulator fed with plain strings (duplicate take-back): strings are coded locally. */
export class TextAnalyticsAccumulator {
  private readonly inner: AnalyticsAccumulator;
  private readonly dict: string[] = [];
  private readonly codes = new Map<string, number>();

  constructor(sign: 1 | -1) {
    this.inner = new AnalyticsAccumulator(sign);
  }

  private code(value: string | null): number {
    if (value === null) return -1;
    return child(this.codes, value, () => this.dict.push(value) - 1);
  }

  add(row: {
    startTs: number;
    endTs: number;
    country: string | null;
    detectionType: string | null;
    protocol: string | null;
    dstPort: number | null;
    bytesIn: number | null;
    bytesOut: number | null;
    ruleName: string | null;
    action: string | null;
    label: string | null;
  }): void {
    this.inner.add(this.dict, {
      ...row,
      country: this.code(row.country),
      detectionType: this.code(row.detectionType),
      protocol: this.code(row.protocol),
      ruleName: this.code(row.ruleName),
      action: this.code(row.action),
      label: this.code(row.label),
    });
  }

  take(): AnalyticsCells {
    return this.inner.take();
  }
}

/** Folds hour cells into coarser ones: days, or (granularity 0) the one all-time bucket. */
export function coarsenAnalytics(cells: AnalyticsCells, granularity: number): AnalyticsCells {
  if (granularity === HOUR) return cells;
  const floor = (ts: number) =>
    granularity === 0 ? 0 : ts - (((ts % granularity) + granularity) % granularity);
  const hist = new Map<string, HistCell>();
  for (const c of cells.hist) {
    const bucket = floor(c.bucket);
    const into = child(hist, `${bucket}|${c.country}|${c.detectionType}|${c.metric}|${c.bin}`, () => ({
      ...c,
      bucket,
      sessions: 0,
    }));
    into.sessions += c.sessions;
  }
  const ports = new Map<string, PortCell>();
  for (const c of cells.ports) {
    const bucket = floor(c.bucket);
    const into = child(ports, `${bucket}|${c.country}|${c.detectionType}|${c.protocol}|${c.dstPort}`, () => ({
      ...c,
      bucket,
      sessions: 0,
      bytesIn: 0,
      bytesOut: 0,
    }));
    into.sessions += c.sessions;
    into.bytesIn += c.bytesIn;
    into.bytesOut += c.bytesOut;
  }
  return { hist: [...hist.values()], ports: [...ports.values()], values: cells.values };
}
