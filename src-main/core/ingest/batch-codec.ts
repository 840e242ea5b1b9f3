// Parsed rows travel from the parser thread to the writer as columns: numbers in one Float64Array
// and strings as codes into a per-batch dictionary, so a 20 000-row batch moves as two transferable
// buffers and a few thousand distinct strings instead of 20 000 cloned objects.

// Not the fields' index: it also exports their zod schemas, and loading zod on the parser thread
// cost about 10 MB of its memory for nothing it uses.
import { LOG_FIELDS } from '../../../src-shared/fields/select.js';
import type { LogField } from '../../../src-shared/fields/session-fields.js';
import { eventKey, KEY_TEXTS, naturalKey, occurrenceKey } from '../session-key.js';
import type { ArrayPool } from './array-pool.js';
import { OccurrenceCounter } from './occurrences.js';
import { StringCodes } from './string-codes.js';
import type { SessionRow, SourceRuleHit } from './types.js';
import { type WindowState, windowBuffers } from './window-state.js';

// The fields an importer fills travel in two lanes, in table order (src-shared/fields): numbers
// and times in `num`, texts (as codes) in `str`; after them what the parser adds per row.
type NumField = Exclude<LogField, { type: 'text' }>['name'];
type StrField = Extract<LogField, { type: 'text' }>['name'];
const NUM_FIELDS = LOG_FIELDS.flatMap((field) => (field.type === 'text' ? [] : [field.name as NumField]));
const STR_FIELDS = LOG_FIELDS.flatMap((field) => (field.type === 'text' ? [field.name as StrField] : []));

const columnsOf = <F extends string>(fields: readonly F[]) =>
  Object.fromEntries(fields.map((field, column) => [field, column])) as Record<F, number>;

export const NUM = {
  ...columnsOf(NUM_FIELDS),
  /** What the session is stored under: natural, occurrence n or event id (session-key.ts). */
  keyHash: NUM_FIELDS.length,
  line: NUM_FIELDS.length + 1,
  natural: NUM_FIELDS.length + 2,
  /** n for the n-th identical row of the import, -n when n may be too low (occurrences.ts), 0 when keyed by an event id. */
  occurrence: NUM_FIELDS.length + 3,
};
export const STR = { ...columnsOf(STR_FIELDS), attrs: STR_FIELDS.length };
export const NUM_COLS = NUM_FIELDS.length + 4;
export const STR_COLS = STR_FIELDS.length + 1;
/**
 * Where each field of LOG_FIELDS (same index) is in a row of a batch: a `num` column (>= 0) or the
 * `str` column ~lane (< 0). The writer binds the fields in this order.
 */
export const FIELD_LANES = Int32Array.from(
  LOG_FIELDS.map((field) =>
    field.type === 'text' ? ~STR[field.name as StrField] : NUM[field.name as NumField],
  ),
);
const KEY_TEXT_COLUMNS = KEY_TEXTS.map((field) => STR[field]);
/**
 * Columns that may be coded without the lasting dictionary when their values hardly repeat: those
 * the writer stores as plain text. An interned column keeps the dictionary, so the writer looks
 * each distinct value up once per batch, not once per row.
 */
const MAY_CODE_ONCE = Uint8Array.from({ length: STR_COLS }, (_, column) => {
  const field = LOG_FIELDS.find((f) => f.type === 'text' && STR[f.name as StrField] === column);
  return field !== undefined && !('storage' in field && field.storage === 'interned') ? 1 : 0;
});
// A column whose dictionary lookups in a batch (at least this many) found new strings more than
// half the time is coded once per row for the next batches, then measured again for one batch.
const MIN_LOOKUPS = 1_000;
const ONCE_BATCHES = 16;

type ReadFields = (
  this: BatchEncoder,
  row: SessionRow,
  num: Float64Array,
  n: number,
  str: Int32Array,
  s: number,
) => void;

/**
 * Copies a row's fields into its lanes: the numbers at num[n …], the texts' codes at str[s …].
 * Compiled once, from the field table's names, into static property reads (`row.srcPort`): read
 * by name from the lists instead (`row[name]`), `add` took a quarter longer (0.75 → 0.93 s of
 * parser CPU per million CloudWatch rows, measured), each read a lookup keyed by the name. The
 * source holds nothing but those names, each checked to be a plain identifier.
 */
function compileReadFields(): ReadFields {
  const NULLABLE = new Set<string>(LOG_FIELDS.flatMap((field) => (field.nullable ? [field.name] : [])));
  // A field the row may leave out (the HTTP request's, in a flow log) is missing, like null.
  const OMITTABLE = new Set<string>(
    LOG_FIELDS.flatMap((field) => ('omittable' in field ? [field.name] : [])),
  );
  for (const name of [...NUM_FIELDS, ...STR_FIELDS])
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Field name "${name}" is not an identifier`);
  const body = [
    ...NUM_FIELDS.map((name, k) => `num[n + ${k}] = row.${name}${NULLABLE.has(name) ? ' ?? NaN' : ''};`),
    ...STR_FIELDS.map(
      (name, k) => `str[s + ${k}] = this.code(${k}, row.${name}${OMITTABLE.has(name) ? ' ?? null' : ''});`,
    ),
  ].join('\n');
  return new Function('row', 'num', 'n', 'str', 's', body) as ReadFields;
}
const readFields = compileReadFields();

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
  /**
   * The parser's id of each string of `dict` (string-codes.ts), the same in every batch until the
   * epoch changes: memos that outlive a batch key on it.
   */
  ids: Int32Array;
  epoch: number;
  bads: BadRecord[];
  bytesRead: number;
  /** The rollup window this batch closes: its sums cover this batch and those since the last one. */
  rollups: WindowState | null;
  /** Detections the log itself made (Suricata alerts), by row of the batch: stored as rule hits. */
  sourceHits: SourceHitOfRow[];
}

export interface SourceHitOfRow {
  row: number;
  hit: SourceRuleHit;
}

export class BatchEncoder {
  rows = 0;
  private num: Float64Array;
  private str: Int32Array;
  /** Gives strings ids that outlive a batch (memos of lookups per string can key on them). */
  readonly strings = new StringCodes(undefined, undefined, STR_COLS);
  // Consecutive rows often repeat a column's value: compare with the last one before hashing.
  private readonly lastValue: (string | null)[] = new Array(STR_COLS).fill(null);
  private readonly lastCode: number[] = new Array(STR_COLS).fill(-1);
  private readonly lastId: number[] = new Array(STR_COLS).fill(-1);
  /** Where the digest of each column's last value is in `strings.digests` (-1: missing). */
  private readonly lastDigestAt = new Int32Array(STR_COLS).fill(-1);
  // Per column: dictionary lookups and new strings in this batch, and the batches left to code
  // it once per row (0: through the dictionary). Log columns of mostly distinct values (a query
  // string with a request id, the clients of a public server) made the lasting dictionary fill,
  // start over and take the rest of the parser's time with it (issue 17 §5).
  private readonly lookups = new Int32Array(STR_COLS);
  private readonly fresh = new Int32Array(STR_COLS);
  private readonly onceFor = new Int32Array(STR_COLS);
  /** Offsets of the row's key texts in `strings.digests` (-1: missing), in KEY_TEXTS order. */
  private readonly keyTexts = new Int32Array(KEY_TEXTS.length);
  /** Lives as long as the import's parse: occurrences are counted across batches. */
  private readonly occurrences = new OccurrenceCounter();
  private sourceHits: SourceHitOfRow[] = [];

  constructor(private readonly capacity: number) {
    this.num = new Float64Array(capacity * NUM_COLS);
    this.str = new Int32Array(capacity * STR_COLS);
  }

  add(row: SessionRow): void {
    const n = this.rows * NUM_COLS;
    const num = this.num;
    const s = this.rows * STR_COLS;
    const str = this.str;
    readFields.call(this, row, num, n, str, s);
    num[n + NUM.line] = row.line;
    if (row.sourceRuleHit) this.sourceHits.push({ row: this.rows, hit: row.sourceRuleHit });
    str[s + STR.attrs] = this.code(STR.attrs, row.attrs);
    const natural = naturalKey(row, this.strings.digests, this.keyTextOffsets());
    num[n + NUM.natural] = natural;
    if (row.eventId) {
      num[n + NUM.keyHash] = eventKey(natural, row.eventId);
      num[n + NUM.occurrence] = 0;
    } else {
      const occurrence = this.occurrences.next(row.startTs, natural);
      num[n + NUM.keyHash] = occurrenceKey(natural, Math.abs(occurrence));
      num[n + NUM.occurrence] = occurrence;
    }
    this.rows++;
  }

  /** Where the digests of the row just coded are, for its natural key. */
  private keyTextOffsets(): Int32Array {
    const at = this.keyTexts;
    for (let k = 0; k < KEY_TEXT_COLUMNS.length; k++) at[k] = this.lastDigestAt[KEY_TEXT_COLUMNS[k]!]!;
    return at;
  }

  get full(): boolean {
    return this.rows >= this.capacity;
  }

  /**
   * The rows so far as a batch, in the arrays they were coded into; the encoder starts empty, on
   * arrays from `pool` (each at the one size the pool makes exactly). Copying the rows into the
   * pool's arrays instead kept a third pair of batch arrays alive (2.5 MB) and copied each batch.
   */
  take(bads: BadRecord[], bytesRead: number, pool: ArrayPool): EncodedBatch {
    const num = this.num.subarray(0, this.rows * NUM_COLS);
    const str = this.str.subarray(0, this.rows * STR_COLS);
    this.num = pool.float64(this.capacity * NUM_COLS, true);
    this.str = pool.int32(this.capacity * STR_COLS, true);
    const ids = this.strings.idsOfBatch();
    const epoch = this.strings.epoch;
    const batch: EncodedBatch = {
      rows: this.rows,
      num,
      str,
      ids,
      epoch,
      dict: this.strings.takeBatch(),
      bads,
      bytesRead,
      rollups: null,
      sourceHits: this.sourceHits,
    };
    this.sourceHits = [];
    this.rows = 0;
    this.lastValue.fill(null);
    this.lastCode.fill(-1);
    this.chooseCoding();
    return batch;
  }

  /** Decides, per column, how the next batch codes it: by the dictionary or once per row. */
  private chooseCoding(): void {
    for (let column = 0; column < STR_COLS; column++) {
      if (this.onceFor[column]! > 0) this.onceFor[column]!--;
      else if (
        MAY_CODE_ONCE[column] === 1 &&
        this.lookups[column]! >= MIN_LOOKUPS &&
        this.fresh[column]! * 2 > this.lookups[column]!
      ) {
        this.onceFor[column] = ONCE_BATCHES;
        this.strings.forget(column);
      }
      this.lookups[column] = 0;
      this.fresh[column] = 0;
    }
  }

  private code(column: number, value: string | null): number {
    if (value === null) {
      this.lastValue[column] = null;
      this.lastCode[column] = -1;
      this.lastId[column] = -1;
      this.lastDigestAt[column] = -1;
      return -1;
    }
    if (value === this.lastValue[column]) return this.lastCode[column]!;
    const strings = this.strings;
    let code: number;
    if (this.onceFor[column]! > 0) code = strings.codeOnce(value, column);
    else {
      code = strings.code(value, column);
      this.lookups[column]! += 1;
      if (strings.lastWasNew) this.fresh[column]! += 1;
    }
    this.lastValue[column] = value;
    this.lastCode[column] = code;
    this.lastId[column] = strings.lastId;
    this.lastDigestAt[column] = strings.lastDigestAt;
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

export function transferList(batch: EncodedBatch): ArrayBuffer[] {
  const buffers = [batch.num.buffer as ArrayBuffer, batch.str.buffer as ArrayBuffer];
  return batch.rollups ? buffers.concat(windowBuffers(batch.rollups)) : buffers;
}
