// How the writer lays a batch's rows out for the session INSERT: which insert columns hold a value
// in some row of the batch (the others are left out of the statement: db/sessions.ts columnsFor),
// and a row filler compiled for each set of columns it names.
import { type FieldDef, LOG_FIELDS } from '../../../src-shared/fields/index.js';
import { INSERT_AT, type InsertColumns, SESSION_INSERT_WIDTH } from '../db/sessions.js';
import type { BatchAddressKeys } from './batch-address-keys.js';
import { type EncodedBatch, FIELD_LANES, NUM, NUM_COLS, STR, STR_COLS } from './batch-codec.js';
import type { BatchInterns } from './batch-interns.js';

/** The attribute set's slot in the writer's BatchInterns, after one per field. */
export const ATTRS_SLOT = LOG_FIELDS.length;

/** Which address each sort-key insert column keys, by its `str` column. */
const SORT_KEY_LANES = new Map<number, number>([
  [INSERT_AT.srcIpSortKey, STR.srcIp],
  [INSERT_AT.dstIpSortKey, STR.dstIp],
]);

/**
 * The insert columns (mask, bit i: insert column i) that hold a value in some row of the batch: a
 * number lane that is not NaN or a text code that is not -1 (the import's own columns always). An
 * address's sort key is there when its address is: left out, it takes the column's default, the
 * key of no address (an access log has no destination: its key is not bound a million times).
 */
export function presentColumns(batch: EncodedBatch): number {
  const { num, str, rows } = batch;
  let mask = 0;
  for (let i = 0; i < SESSION_INSERT_WIDTH; i++) {
    const k = i - INSERT_AT.firstField;
    const keyed = SORT_KEY_LANES.get(i);
    const lane =
      k >= 0 && k < LOG_FIELDS.length
        ? (FIELD_LANES[k] as number)
        : i === INSERT_AT.attrsId
          ? ~STR.attrs
          : keyed !== undefined
            ? ~keyed
            : null;
    if (lane === null) {
      mask += 2 ** i;
      continue;
    }
    let any = false;
    if (lane >= 0) {
      for (let n = lane; n < rows * NUM_COLS && !any; n += NUM_COLS) any = !Number.isNaN(num[n] as number);
    } else {
      for (let s = ~lane; s < rows * STR_COLS && !any; s += STR_COLS) any = (str[s] as number) >= 0;
    }
    if (any) mask += 2 ** i;
  }
  return mask;
}

/** Writes row `row` of the batch, stored as session `id`, into v[at …] in the set's column order. */
export type FillRow = (
  batch: EncodedBatch,
  row: number,
  id: number,
  importId: number,
  v: unknown[],
  at: number,
  interns: BatchInterns,
  addressKeys: BatchAddressKeys,
) => void;

const fillers = new Map<number, FillRow>();

/**
 * The filler for a set of columns, compiled once into straight-line code with the lanes as
 * constants, like the hand-written binding it replaced: a loop over FIELD_LANES cost about 20 ms
 * more per million rows (measured). A missing number is NaN, a missing text code -1; both become
 * NULL; an interned field's text becomes its dictionary id, looked up once per string
 * (batch-interns.ts); an address's sort key is found once per string too (batch-address-keys.ts).
 * The source holds nothing but those numbers.
 */
export function fillerFor(columns: InsertColumns): FillRow {
  let fill = fillers.get(columns.mask);
  if (fill) return fill;
  const lines = columns.list.map((column, j) => {
    if (column === INSERT_AT.id) return `v[at + ${j}] = id;`;
    if (column === INSERT_AT.importId) return `v[at + ${j}] = importId;`;
    if (column === INSERT_AT.keyHash) return `v[at + ${j}] = num[n + ${NUM.keyHash}];`;
    if (column === INSERT_AT.rawLine) return `v[at + ${j}] = num[n + ${NUM.line}];`;
    if (column === INSERT_AT.attrsId)
      return `c = str[s + ${STR.attrs}]; v[at + ${j}] = c < 0 ? null : interns.idOf(${ATTRS_SLOT}, c);`;
    const keyed = SORT_KEY_LANES.get(column);
    if (keyed !== undefined)
      return `c = str[s + ${keyed}]; v[at + ${j}] = c < 0 ? addressKeys.none : addressKeys.of(c);`;
    const k = column - INSERT_AT.firstField;
    const lane = FIELD_LANES[k] as number;
    if (lane >= 0) return `x = num[n + ${lane}]; v[at + ${j}] = x !== x ? null : x;`;
    const field = LOG_FIELDS[k] as FieldDef;
    const text = field.storage === 'interned' ? `interns.idOf(${k}, c)` : 'batch.dict[c]';
    return `c = str[s + ${~lane}]; v[at + ${j}] = c < 0 ? null : ${text};`;
  });
  fill = new Function(
    'batch',
    'row',
    'id',
    'importId',
    'v',
    'at',
    'interns',
    'addressKeys',
    `const num = batch.num, str = batch.str, n = row * ${NUM_COLS}, s = row * ${STR_COLS};\nlet x, c;\n${lines.join('\n')}`,
  ) as FillRow;
  fillers.set(columns.mask, fill);
  return fill;
}
