// Parsed rows travel from the parser thread to the writer as columns: numbers in one Float64Array
// and strings as codes into a per-batch dictionary, so a 20 000-row batch moves as two transferable
// buffers and a few thousand distinct strings instead of 20 000 cloned objects.

import { eventKey, KEY_TEXTS, naturalKey, occurrenceKey } from '../session-key.js';
import type { ArrayPool } from './array-pool.js';
import { OccurrenceCounter } from './occurrences.js';
import { StringCodes } from './string-codes.js';
import type { SessionRow } from './types.js';
import { type WindowState, windowBuffers } from './window-state.js';

export const NUM = {
  startTs: 0,
  endTs: 1,
  srcPort: 2,
  dstPort: 3,
  bytesIn: 4,
  bytesOut: 5,
  packets: 6,
  responseCode: 7,
  asn: 8,
  /** What the session is stored under: natural, occurrence n or event id (session-key.ts). */
  keyHash: 9,
  line: 10,
  natural: 11,
  /** n for the n-th identical row of the import, -n when n may be too low (occurrences.ts), 0 when keyed by an event id. */
  occurrence: 12,
} as const;
export const STR = {
  srcIp: 0,
  dstIp: 1,
  protocol: 2,
  country: 3,
  ruleName: 4,
  detectionType: 5,
  action: 6,
  label: 7,
  attrs: 8,
} as const;
export const NUM_COLS = 13;
export const STR_COLS = 9;
const KEY_TEXT_COLUMNS = KEY_TEXTS.map((field) => STR[field]);

export interface BadRecord {
  line: number;
  raw: string;
  reason: string;
}

export interface EncodedBatch {
  rows: number;
  num: Float64Array;
  str: Int32Array;
  dict: string[];
  bads: BadRecord[];
  bytesRead: number;
  /** The rollup window this batch closes: its sums cover this batch and those since the last one. */
  rollups: WindowState | null;
}

export class BatchEncoder {
  rows = 0;
  private num: Float64Array;
  private str: Int32Array;
  /** Gives strings ids that outlive a batch (memos of lookups per string can key on them). */
  readonly strings = new StringCodes();
  // Consecutive rows often repeat a column's value: compare with the last one before hashing.
  private readonly lastValue: (string | null)[] = new Array(STR_COLS).fill(null);
  private readonly lastCode: number[] = new Array(STR_COLS).fill(-1);
  private readonly lastId: number[] = new Array(STR_COLS).fill(-1);
  /** Offsets of the row's key texts in `strings.digests` (-1: missing). */
  private readonly keyTexts = new Int32Array(KEY_TEXTS.length);
  /** Lives as long as the import's parse: occurrences are counted across batches. */
  private readonly occurrences = new OccurrenceCounter();

  constructor(private readonly capacity: number) {
    this.num = new Float64Array(capacity * NUM_COLS);
    this.str = new Int32Array(capacity * STR_COLS);
  }

  add(row: SessionRow): void {
    const n = this.rows * NUM_COLS;
    const num = this.num;
    num[n] = row.startTs;
    num[n + 1] = row.endTs;
    num[n + 2] = row.srcPort ?? Number.NaN;
    num[n + 3] = row.dstPort ?? Number.NaN;
    num[n + 4] = row.bytesIn ?? Number.NaN;
    num[n + 5] = row.bytesOut ?? Number.NaN;
    num[n + 6] = row.packets ?? Number.NaN;
    num[n + 7] = row.responseCode ?? Number.NaN;
    num[n + 8] = row.asn ?? Number.NaN;
    num[n + 10] = row.line;
    const s = this.rows * STR_COLS;
    const str = this.str;
    str[s] = this.code(0, row.srcIp);
    str[s + 1] = this.code(1, row.dstIp);
    str[s + 2] = this.code(2, row.protocol);
    str[s + 3] = this.code(3, row.country);
    str[s + 4] = this.code(4, row.ruleName);
    str[s + 5] = this.code(5, row.detectionType);
    str[s + 6] = this.code(6, row.action);
    str[s + 7] = this.code(7, row.label);
    str[s + 8] = this.code(8, row.attrs);
    const natural = naturalKey(row, this.strings.digests, this.keyTextOffsets());
    num[n + 11] = natural;
    if (row.eventId) {
      num[n + 9] = eventKey(natural, row.eventId);
      num[n + 12] = 0;
    } else {
      const occurrence = this.occurrences.next(row.startTs, natural);
      num[n + 9] = occurrenceKey(natural, Math.abs(occurrence));
      num[n + 12] = occurrence;
    }
    this.rows++;
  }

  /** Where the digests of the row just coded are, for its natural key. */
  private keyTextOffsets(): Int32Array {
    const at = this.keyTexts;
    for (let k = 0; k < KEY_TEXT_COLUMNS.length; k++) {
      const id = this.lastId[KEY_TEXT_COLUMNS[k]!]!;
      at[k] = id < 0 ? -1 : id * 2;
    }
    return at;
  }

  get full(): boolean {
    return this.rows >= this.capacity;
  }

  /** The rows so far as a batch, in arrays from `pool`; the encoder starts empty. */
  take(bads: BadRecord[], bytesRead: number, pool: ArrayPool): EncodedBatch {
    const num = pool.float64(this.rows * NUM_COLS);
    num.set(this.num.subarray(0, num.length));
    const str = pool.int32(this.rows * STR_COLS);
    str.set(this.str.subarray(0, str.length));
    const batch: EncodedBatch = {
      rows: this.rows,
      num,
      str,
      dict: this.strings.takeBatch(),
      bads,
      bytesRead,
      rollups: null,
    };
    this.rows = 0;
    this.lastValue.fill(null);
    this.lastCode.fill(-1);
    return batch;
  }

  private code(column: number, value: string | null): number {
    if (value === null) {
      this.lastValue[column] = null;
      this.lastCode[column] = -1;
      this.lastId[column] = -1;
      return -1;
    }
    if (value === this.lastValue[column]) return this.lastCode[column]!;
    const code = this.strings.code(value);
    this.lastValue[column] = value;
    this.lastCode[column] = code;
    this.lastId[column] = this.strings.lastId;
    return code;
  }

  /**
   * Codes `value` for `column` ahead of `add` (which then finds it as the column's last value) and
   * returns its id in `strings`.
   */
  idOf(column: number, value: string): number {
    this.code(column, value);
    return this.lastId[column]!;
  }
}

/** Reads one row of a batch back (writer side). */
export function numAt(batch: EncodedBatch, row: number, column: number): number | null {
  const value = batch.num[row * NUM_COLS + column]!;
  return Number.isNaN(value) ? null : value;
}

export function strAt(batch: EncodedBatch, row: number, column: number): string | null {
  const code = batch.str[row * STR_COLS + column]!;
  return code < 0 ? null : batch.dict[code]!;
}

export function transferList(batch: EncodedBatch): ArrayBuffer[] {
  const buffers = [batch.num.buffer as ArrayBuffer, batch.str.buffer as ArrayBuffer];
  return batch.rollups ? buffers.concat(windowBuffers(batch.rollups)) : buffers;
}
