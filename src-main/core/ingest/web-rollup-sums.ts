// The web-request rollups' share of an import (db/web-rollups.ts), summed in the writer from the
// rows it stored: requests per minute and status class, and per method, path and user agent by
// dictionary id. Summed here rather than in the parser's rollup window (rollup-window.ts) because
// the rollups key values by their dictionary ids, which only the writer knows, and because the
// writer knows which rows were stored, so duplicates never need taking back out. Per row it is a
// few typed-array increments and one integer-keyed map read; the ids of a batch's values are read
// from the writer's per-batch interning (BatchInterns), which found them when the rows were stored.
// The sums go to the writer's staging when their budget fills (in that batch's transaction) and
// before the import's staging is merged; a cancelled or failed import drops them with it.
import { type FieldDef, LOG_FIELDS } from '../../../src-shared/fields/index.js';
import { MINUTE } from '../../../src-shared/time-buckets.js';
import type { Db } from '../db/open.js';
import { GRANULARITIES } from '../db/rollups.js';
import { onMerge, stagedName } from '../db/staged-rollups.js';
import { prepareWebRollupApply, WEB_VALUE_FIELDS, type WebRollupSink } from '../db/web-rollups.js';
import { type EncodedBatch, NUM, NUM_COLS, STR, STR_COLS } from './batch-codec.js';
import type { BatchInterns } from './batch-interns.js';

/** The writer's ids of a batch's string codes (batch-interns.ts), by LOG_FIELDS slot. */
type BatchIds = Pick<BatchInterns, 'idOf'>;

// Cells summed in memory before they are staged (a few MB): memory stays bounded on any file.
export const WEB_CELL_BUDGET = 50_000;
// Status class in the low three bits of a time key (0: no code in 100–599, 1–5: its first digit).
const CLASSES = 8;

export class WebRollupSums {
  private readonly sink: WebRollupSink;
  /** Per value field (WEB_VALUE_FIELDS order): its slot in the writer's BatchInterns. */
  private readonly slots: number[];
  /** Per value field: requests of this batch by batch string code. */
  private byCode: Int32Array[] = WEB_VALUE_FIELDS.map(() => new Int32Array(1024));
  /** Per value field: requests since the last flush by dictionary id (0: without the field). */
  private readonly byId: Map<number, number>[] = WEB_VALUE_FIELDS.map(() => new Map());
  /** minute · 8 + status class → slot of the sums below. */
  private readonly cellOf = new Map<number, number>();
  private cellKeys: number[] = [];
  private counts: number[] = [];
  private firsts: number[] = [];
  private lasts: number[] = [];

  constructor(
    db: Db,
    private readonly ids: BatchIds,
    private readonly budget = WEB_CELL_BUDGET,
  ) {
    this.sink = prepareWebRollupApply(db, stagedName);
    onMerge(db, 'web rollups', () => this.flush());
    this.slots = WEB_VALUE_FIELDS.map((name) => {
      const field = LOG_FIELDS.findIndex((f) => f.name === name);
      if ((LOG_FIELDS[field] as FieldDef | undefined)?.storage !== 'interned')
        throw new Error(`${name} is not an interned field`);
      return field;
    });
  }

  /**
   * Adds the requests of a written batch (`rowIds[r]` 0: row r was a duplicate, not stored). The
   * sums are staged when they fill their budget, and what is left just before the import merges
   * its staging (onMerge), in the transaction that marks it done.
   */
  add(batch: EncodedBatch, rowIds: Float64Array): void {
    if (this.byCode[0]!.length < batch.dict.length)
      this.byCode = WEB_VALUE_FIELDS.map(() => new Int32Array(batch.dict.length * 2));
    const [methods, paths, agents] = this.byCode as [Int32Array, Int32Array, Int32Array];
    const { num, str } = batch;
    let withoutAgent = 0;
    let lastKey = -1;
    let slot = -1;
    for (let r = 0; r < batch.rows; r++) {
      if (rowIds[r] === 0) continue;
      const s = r * STR_COLS;
      const method = str[s + STR.method]!;
      const path = str[s + STR.path]!;
      if (method < 0 && path < 0) continue; // not a request (a flow, an alert, a bare handshake)
      const agent = str[s + STR.userAgent]!;
      if (method >= 0) methods[method]!++;
      if (path >= 0) paths[path]!++;
      if (agent >= 0) agents[agent]!++;
      else withoutAgent++;
      const n = r * NUM_COLS;
      const ts = num[n + NUM.startTs]!;
      const code = num[n + NUM.responseCode]!;
      // NaN (no code) fails both comparisons: class 0.
      const statusClass = code >= 100 && code < 600 ? Math.floor(code / 100) : 0;
      const key = Math.floor(ts / MINUTE) * CLASSES + statusClass;
      if (key !== lastKey) {
        slot = this.cell(key);
        lastKey = key;
      }
      this.counts[slot]! += 1;
      if (ts < this.firsts[slot]!) this.firsts[slot] = ts;
      if (ts > this.lasts[slot]!) this.lasts[slot] = ts;
    }
    this.byCodeToIds(batch.dict);
    if (withoutAgent > 0) addTo(this.byId[2]!, 0, withoutAgent);
    const cells = this.cellKeys.length + this.byId.reduce((sum, map) => sum + map.size, 0);
    if (cells >= this.budget) this.flush();
  }

  /** Moves this batch's counts by string code to the counts by dictionary id, and zeroes them. */
  private byCodeToIds(dict: readonly string[]): void {
    for (let f = 0; f < WEB_VALUE_FIELDS.length; f++) {
      const counts = this.byCode[f]!;
      const slot = this.slots[f]!;
      const into = this.byId[f]!;
      for (let code = 0; code < dict.length; code++) {
        const n = counts[code]!;
        if (n === 0) continue;
        counts[code] = 0;
        addTo(into, this.ids.idOf(slot, code), n);
      }
    }
  }

  private cell(key: number): number {
    let slot = this.cellOf.get(key);
    if (slot === undefined) {
      slot = this.cellKeys.push(key) - 1;
      this.counts.push(0);
      this.firsts.push(Number.POSITIVE_INFINITY);
      this.lasts.push(Number.NEGATIVE_INFINITY);
      this.cellOf.set(key, slot);
    }
    return slot;
  }

  /** Stages every cell (minutes, folded into hours and days) and starts empty. */
  private flush(): void {
    for (const g of GRANULARITIES) {
      const folded = new Map<number, { n: number; first: number; last: number }>();
      for (let slot = 0; slot < this.cellKeys.length; slot++) {
        const key = this.cellKeys[slot]!;
        const minute = Math.floor(key / CLASSES);
        const statusClass = key - minute * CLASSES;
        const bucket = Math.floor((minute * MINUTE) / g) * g;
        const at = bucket * CLASSES + statusClass;
        const sums = folded.get(at);
        if (sums === undefined)
          folded.set(at, { n: this.counts[slot]!, first: this.firsts[slot]!, last: this.lasts[slot]! });
        else {
          sums.n += this.counts[slot]!;
          sums.first = Math.min(sums.first, this.firsts[slot]!);
          sums.last = Math.max(sums.last, this.lasts[slot]!);
        }
      }
      for (const [at, { n, first, last }] of folded) {
        const bucket = Math.floor(at / CLASSES);
        this.sink.time(g, bucket, at - bucket * CLASSES, n, first, last);
      }
    }
    WEB_VALUE_FIELDS.forEach((field, f) => {
      for (const [id, n] of this.byId[f]!) this.sink.value(field, id, n);
      this.byId[f]!.clear();
    });
    this.cellOf.clear();
    this.cellKeys = [];
    this.counts = [];
    this.firsts = [];
    this.lasts = [];
  }
}

function addTo(map: Map<number, number>, key: number, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}
