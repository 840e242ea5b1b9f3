// The rollup window: rows are summed into the cells of the dashboard rollups (db/rollups.ts,
// db/analytics-rollups.ts) and the sums are upserted once per window instead of once per batch.
// Most cells recur from batch to batch (the same IP pairs, sources, hours), so a window turns many
// upserts into one; its cell budget bounds the memory on any file size. The parser thread sums
// every row it emits and hands the window over with the batch that fills it; the writer takes the
// rows the database refused as duplicates back out (`subtract`) and upserts the rest (`flush`).
import { logBin } from '../../../src-shared/analytics-bins.js';
import { numberToIpv4 } from '../../../src-shared/filter/ipv4.js';
import {
  ANALYTICS_GRANULARITIES,
  HIST_GRANULARITIES,
  type prepareAnalyticsApply,
} from '../db/analytics-rollups.js';
import { GRANULARITIES, type prepareRollupApply } from '../db/rollups.js';
import { detach } from '../text/detach.js';
import { plainIpv4 } from './address-geo-memo.js';
import type { ArrayPool } from './array-pool.js';
import { type EncodedBatch, NUM, NUM_COLS, STR, STR_COLS } from './batch-codec.js';
import { CellTable } from './cell-table.js';
import type { ClientCells } from './client-cells.js';
import { TABLES, type WindowState } from './window-state.js';

/**
 * Where a window's sums go: the upserts of the rollup tables, one call per rollup row, and the
 * pair cells to the writer's sums over windows (client-cells.ts), each with its source's country.
 */
export type RollupSink = ReturnType<typeof prepareRollupApply> &
  ReturnType<typeof prepareAnalyticsApply> & { pair: ClientCells['add'] };

// Cells (and window strings) summed before a flush: about 100 bytes each in typed arrays.
export const WINDOW_CELLS = 150_000;
// Pair cells a window's table has room for before it doubles (a power of two: cell-table.ts). A
// public server's log brings about a new client per line, so the pair and source tables held most
// of the budget, about 75 000 cells each: both doubled to 131 072 cells (12 MB, the parser's largest
// arrays) and every window's copy to the writer was as large. A window also closes before a batch
// could take the pairs past this room, which keeps the tables at half that size for about a third
// more windows on such a log (a few thousand clients, as most logs bring, never come near it).
export const PAIR_ROOM = 1 << 16;

const [MINUTE, HOUR, DAY] = GRANULARITIES;
// Which key positions of each table hold window string codes (the rest are numbers; a pair's are
// endpoint keys, see endpointText).
const STRING_KEYS: Record<(typeof TABLES)[number], readonly number[]> = {
  minutes: [1, 2],
  pairs: [],
  hist: [1, 2],
  ports: [1, 2, 3],
  values: [1],
};
const VALUE_FIELDS = ['rule', 'action', 'label'] as const;
const VALUE_COLUMNS = [STR.ruleName, STR.action, STR.label] as const;
// Histogram key: metric and bin in one integer (bins stay below 64 for values below 2^63).
const BINS = 64;

export class RollupWindow {
  /** Window-wide string codes; 0 is '' (what the rollups store for a missing dimension). */
  private strings: string[] = [''];
  /** Code by string; null until needed in a window rebuilt from a state (see fromState). */
  private codes: Map<string, number> | null = new Map([['', 0]]);
  private remap = new Int32Array(0);
  private dict: readonly string[] = [];
  // Keys and sums of each table, at the finest level kept; coarser levels are folded at flush.
  // Every table's first sum is its count of sessions.
  private minutes = new CellTable(3, 3); // minute, country, type → n, in, out
  // Sources and destinations as endpoint keys: a plainly written IPv4 address is its number, any
  // other text -1 − its window code. A public server's log brings a client per line or two: kept
  // as texts they cost a map entry and a copy each (a third of the window's time on the varied
  // bench log), and travelled to the writer as strings.
  private pairs = new CellTable(2, 6); // src, dst → n, in, out, first, last, source's country
  // Sources are the pairs summed by source where they are staged (client-cells.ts); a source's
  // country is the first one seen, and each of its pair cells carries it (filled in from here
  // when the window is handed over: this table stays on the thread that sums the rows).
  private readonly sources = new CellTable(1, 1); // src → 1 + window code of its country
  private hist = new CellTable(4, 1); // day, country, type, metric·64+bin → n
  private ports = new CellTable(5, 3); // hour, country, type, protocol, port → n, in, out
  private values = new CellTable(2, 1); // field, value → n
  private readonly coarse = new CellTable(5, 3); // scratch for folding
  // Rule, action and label mostly repeat row after row: the last batch code and slot per field.
  private readonly lastValueCode = new Int32Array(VALUE_COLUMNS.length);
  private readonly lastValueSlot = new Int32Array(VALUE_COLUMNS.length);
  private readonly measures = new Float64Array(3);
  /** The most rows a batch summed here had: a window closes while the next batch still fits PAIR_ROOM. */
  private batchRows = 0;

  constructor(private readonly budget = WINDOW_CELLS) {}

  /** A window rebuilt from a state another thread handed over. */
  static fromState(state: WindowState): RollupWindow {
    const window = new RollupWindow();
    window.strings = state.strings;
    // The writer's window only flushes, unless duplicates are taken back out of it: the map of its
    // strings (one per client on a varied log) is built then, not for every window.
    window.codes = null;
    for (const name of TABLES) window[name] = CellTable.fromState(state[name]);
    return window;
  }

  /** The text of a pair's endpoint key (see `pairs`). */
  endpointText(key: number): string {
    return key >= 0 ? numberToIpv4(key) : this.strings[-1 - key]!;
  }

  get empty(): boolean {
    return TABLES.every((name) => this[name].size === 0);
  }

  /**
   * A copy of the window's contents in arrays from `pool` (their buffers may be transferred), and
   * an empty window. The tables are copied and cleared rather than handed over, so their grown
   * arrays are reused.
   */
  takeState(pool: ArrayPool): WindowState {
    this.fillPairCountries();
    const state: WindowState = {
      strings: this.strings,
      minutes: this.minutes.snapshot(pool),
      pairs: this.pairs.snapshot(pool),
      hist: this.hist.snapshot(pool),
      ports: this.ports.snapshot(pool),
      values: this.values.snapshot(pool),
    };
    this.clear();
    return state;
  }

  /**
   * Takes back the rows summed in `other` (the duplicates the database refused): their counts and
   * byte sums. A pair's first and last time stay, because a duplicate's time is its stored twin's.
   * Cells left with no session are skipped by `flush`.
   */
  subtract(other: RollupWindow): void {
    for (const name of TABLES) {
      const from = other[name];
      const into = this[name];
      const stringKeys = STRING_KEYS[name];
      const sums = name === 'pairs' ? 3 : from.valueWidth;
      for (let slot = 0; slot < from.size; slot++) {
        for (let i = 0; i < from.keyWidth; i++) into.key[i] = from.keys[slot * from.keyWidth + i]!;
        for (const i of stringKeys) into.key[i] = this.codeOf(other.strings[into.key[i]!]!);
        if (name === 'pairs')
          for (let i = 0; i < 2; i++)
            if (into.key[i]! < 0) into.key[i] = -1 - this.codeOf(other.endpointText(into.key[i]!));
        const at = into.find() * into.valueWidth;
        for (let i = 0; i < sums; i++) into.values[at + i]! -= from.values[slot * from.valueWidth + i]!;
      }
    }
  }

  get full(): boolean {
    const cells = this.minutes.size + this.pairs.size + this.sources.size + this.hist.size + this.ports.size;
    // Sources never outnumber pairs (each source row makes a pair cell too).
    return cells + this.strings.length >= this.budget || this.pairs.size + this.batchRows > PAIR_ROOM;
  }

  /** Starts reading a batch: its string codes are translated to window codes on first use. */
  startBatch(batch: EncodedBatch): void {
    this.dict = batch.dict;
    if (batch.rows > this.batchRows) this.batchRows = batch.rows;
    if (this.remap.length < batch.dict.length) this.remap = new Int32Array(batch.dict.length * 2);
    this.remap.fill(-1, 0, batch.dict.length);
    this.lastValueCode.fill(-2);
  }

  /** Adds row `i` of the current batch. */
  add(batch: EncodedBatch, i: number): void {
    const num = batch.num;
    const n = i * NUM_COLS;
    const s = i * STR_COLS;
    const ts = num[n + NUM.startTs]!;
    const bytesIn = num[n + NUM.bytesIn]!;
    const bytesOut = num[n + NUM.bytesOut]!;
    const sumIn = Number.isNaN(bytesIn) ? 0 : bytesIn;
    const sumOut = Number.isNaN(bytesOut) ? 0 : bytesOut;
    const str = batch.str;
    const src = this.endpoint(str[s + STR.srcIp]!);
    const dst = this.endpoint(str[s + STR.dstIp]!);
    const country = this.code(str[s + STR.country]!);
    const type = this.code(str[s + STR.detectionType]!);

    let t = this.minutes;
    t.key[0] = Math.floor(ts / MINUTE);
    t.key[1] = country;
    t.key[2] = type;
    addSums(t, t.find(), sumIn, sumOut);

    t = this.pairs;
    t.key[0] = src;
    t.key[1] = dst;
    addSpan(t, t.find(), sumIn, sumOut, ts);

    t = this.sources;
    t.key[0] = src;
    const at = t.find();
    if (t.values[at] === 0) t.values[at] = 1 + country;

    t = this.hist;
    const measures = this.measures;
    measures[0] = bytesIn;
    measures[1] = bytesOut;
    measures[2] = num[n + NUM.endTs]! - ts;
    t.key[0] = Math.floor(ts / DAY);
    t.key[1] = country;
    t.key[2] = type;
    for (let metric = 0; metric < 3; metric++) {
      const value = measures[metric]!;
      if (Number.isNaN(value)) continue;
      t.key[3] = metric * BINS + logBin(value);
      count(t);
    }

    t = this.ports;
    const port = num[n + NUM.dstPort]!;
    t.key[0] = Math.floor(ts / HOUR);
    t.key[1] = country;
    t.key[2] = type;
    t.key[3] = this.code(str[s + STR.protocol]!);
    t.key[4] = Number.isNaN(port) ? -1 : port;
    addSums(t, t.find(), sumIn, sumOut);

    t = this.values;
    for (let f = 0; f < VALUE_COLUMNS.length; f++) {
      const code = str[s + VALUE_COLUMNS[f]!]!;
      if (code < 0) continue;
      if (code !== this.lastValueCode[f]) {
        t.key[0] = f;
        t.key[1] = this.code(code);
        this.lastValueCode[f] = code;
        this.lastValueSlot[f] = t.find();
      }
      t.values[this.lastValueSlot[f]!]! += 1;
    }
  }

  /** Writes every cell of the window to `sink` (all levels) and starts an empty window. */
  flush(sink: RollupSink): void {
    const text = this.strings;
    this.eachLevel(this.minutes, MINUTE, GRANULARITIES, (g, k, v) =>
      sink.time(g, k[0]!, text[k[1]!]!, text[k[2]!]!, v[0]!, v[1]!, v[2]!),
    );
    this.fillPairCountries();
    forEach(this.pairs, (k, v) =>
      sink.pair(this, k[0]!, k[1]!, text[v[5]!]!, v[0]!, v[1]!, v[2]!, v[3]!, v[4]!),
    );
    this.eachLevel(this.hist, DAY, HIST_GRANULARITIES, (g, k, v) =>
      sink.hist(g, k[0]!, text[k[1]!]!, text[k[2]!]!, Math.floor(k[3]! / BINS), k[3]! % BINS, v[0]!),
    );
    this.eachLevel(this.ports, HOUR, ANALYTICS_GRANULARITIES, (g, k, v) =>
      sink.port(g, k[0]!, text[k[1]!]!, text[k[2]!]!, text[k[3]!]!, k[4]!, v[0]!, v[1]!, v[2]!),
    );
    forEach(this.values, (k, v) => sink.value(VALUE_FIELDS[k[0]!]!, text[k[1]!]!, v[0]!));
    this.clear();
  }

  /** Gives each pair its source's country (a window rebuilt from a state has them already). */
  private fillPairCountries(): void {
    const { pairs, sources } = this;
    if (sources.size === 0) return;
    for (let slot = 0; slot < pairs.size; slot++) {
      sources.key[0] = pairs.keys[slot * 2]!;
      pairs.values[slot * 6 + 5] = sources.values[sources.find()]! - 1;
    }
  }

  private clear(): void {
    for (const name of TABLES) this[name].clear();
    this.sources.clear();
    this.strings = [''];
    this.codes = new Map([['', 0]]);
    this.remap.fill(-1);
    this.lastValueCode.fill(-2);
  }

  /**
   * Emits `table` (bucket numbers in units of `unit` ms in key 0) at each granularity of `levels`
   * with key 0 as a bucket start in ms; 0 is the one all-time bucket. Coarser levels are folded
   * from the finest, which must be `unit`.
   */
  private eachLevel(
    table: CellTable,
    unit: number,
    levels: readonly number[],
    emit: (g: number, key: Float64Array, sums: Float64Array) => void,
  ): void {
    for (const g of levels) {
      let from = table;
      if (g !== unit) {
        from = this.coarse;
        foldInto(table, from, unit, g);
      }
      forEach(from, (k, v) => {
        k[0] = g === 0 ? 0 : k[0]! * g;
        emit(g, k, v);
      });
    }
  }

  /** The window code of a batch string code (batch -1, missing, becomes '' = 0). */
  private code(batchCode: number): number {
    if (batchCode < 0) return 0;
    const known = this.remap[batchCode]!;
    if (known >= 0) return known;
    const code = this.codeOf(this.dict[batchCode]!);
    this.remap[batchCode] = code;
    return code;
  }

  /** The endpoint key of a batch string code (see `pairs`; batch -1, missing, is '', code 0). */
  private endpoint(batchCode: number): number {
    if (batchCode < 0) return -1;
    // Read again for each row: a batch's dictionary can hold hundreds of thousands of texts, and
    // a second remap array of them cost more memory than the few characters read here.
    const ip = plainIpv4(this.dict[batchCode]!);
    return ip >= 0 ? ip : -1 - this.code(batchCode);
  }

  private codeOf(value: string): number {
    this.codes ??= new Map(this.strings.map((text, code) => [text, code]));
    let code = this.codes.get(value);
    if (code === undefined) {
      // Kept for the whole window: a copy, not a view into the chunk of the file the value was cut
      // from (held by slices, every chunk stayed alive: peak RSS grew with an access log's size).
      const kept = detach(value);
      code = this.strings.push(kept) - 1;
      this.codes.set(kept, code);
    }
    return code;
  }
}

/** One more session in the cell of `t.key` (find first: it may grow, replacing `t.values`). */
function count(t: CellTable): void {
  const slot = t.find();
  t.values[slot * t.valueWidth]! += 1;
}

function addSums(t: CellTable, slot: number, bytesIn: number, bytesOut: number): void {
  const v = t.values;
  const at = slot * t.valueWidth;
  v[at]! += 1;
  v[at + 1]! += bytesIn;
  v[at + 2]! += bytesOut;
}

/** Sums plus the first and last start time (a new cell has 0 sessions). */
function addSpan(t: CellTable, slot: number, bytesIn: number, bytesOut: number, ts: number): void {
  const v = t.values;
  const at = slot * t.valueWidth;
  if (v[at] === 0 || ts < v[at + 3]!) v[at + 3] = ts;
  if (v[at] === 0 || ts > v[at + 4]!) v[at + 4] = ts;
  addSums(t, slot, bytesIn, bytesOut);
}

// Copies of one cell's key and sums handed to callbacks, so they may be edited (bucket to ms).
const keyScratch = new Float64Array(8);
const sumScratch = new Float64Array(8);

function forEach(table: CellTable, visit: (key: Float64Array, sums: Float64Array) => void): void {
  const kw = table.keyWidth;
  const vw = table.valueWidth;
  for (let slot = 0; slot < table.size; slot++) {
    if (table.values[slot * vw]! <= 0) continue; // every row of the cell was taken back
    for (let i = 0; i < kw; i++) keyScratch[i] = table.keys[slot * kw + i]!;
    for (let i = 0; i < vw; i++) sumScratch[i] = table.values[slot * vw + i]!;
    visit(keyScratch, sumScratch);
  }
}

/** Re-buckets `from` (key 0 in units of `unit` ms) into `into` at granularity g (0: all time). */
function foldInto(from: CellTable, into: CellTable, unit: number, g: number): void {
  into.clear();
  // The scratch table is as wide as the widest table; unused key positions stay 0.
  into.key.fill(0);
  const kw = from.keyWidth;
  const vw = from.valueWidth;
  for (let slot = 0; slot < from.size; slot++) {
    into.key[0] = g === 0 ? 0 : Math.floor((from.keys[slot * kw]! * unit) / g);
    for (let i = 1; i < kw; i++) into.key[i] = from.keys[slot * kw + i]!;
    const at = into.find() * into.valueWidth;
    for (let i = 0; i < vw; i++) into.values[at + i]! += from.values[slot * vw + i]!;
  }
}
