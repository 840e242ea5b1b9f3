// The CloudWatch CSV's fast lane. Nearly every line of an export is plain ASCII (no quotes) and
// valid, and its text columns repeat a few thousand values. Such a line is read here from the
// file's bytes in place: numbers and times are read digit by digit, text values are found in
// per-column caches of normalized values, and no string is made unless a value is new. A cache
// lookup on bytes took half the time of one on the line's text (a sliced string) when measured,
// which is why this lane works on bytes. Anything it is not sure of (a value that fails validation, another
// field count or time shape, end before start) makes it answer null: the caller then reads the
// line the general way, which gives the exact quarantine reason. So both lanes store the same
// rows, and only the general one ever rejects a line.
import type { AttrsEncoder } from '../attrs.js';
import { CellTable } from '../cell-table.js';
import type { SessionRow } from '../types.js';
import { NOT_CACHED, ValueCache } from '../value-cache.js';
import { optionalIp, requiredIp, text, utcMillis } from '../values.js';
import { countryCode } from './json-values.js';

/** Column positions of the mapped fields (-1: absent), as the header gave them. */
export interface CloudwatchColumns {
  bytesIn: number;
  bytesOut: number;
  start: number;
  end: number;
  srcIp: number;
  country: number;
  protocol: number;
  responseCode: number;
  dstPort: number;
  dstIp: number;
  ruleName: number;
  detectionType: number;
  label: number;
  time: number;
}

const MISSING = -1;
const NOT_PLAIN = -2;
/** `slot` of a column the file lacks (-1 is a value that failed validation). */
const ABSENT = -2;
// More digits could pass 2^53; such a value takes the general lane, which reports it.
const MAX_DIGITS = 15;
// Distinct extra-column combinations remembered before the attribute cache starts over.
const MAX_ATTR_SETS = 50_000;

export class CloudwatchFastLine {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly srcIps = new ValueCache((raw) => requiredIp(raw, 'src_ip'));
  private readonly dstIps = new ValueCache((raw) => optionalIp(raw, 'dst_ip'));
  private readonly countries = new ValueCache((raw) => countryCode(raw, 'src_ip_country_code'));
  private readonly protocols = new ValueCache((raw) => text(raw, 'protocol'));
  private readonly rules = new ValueCache((raw) => text(raw, 'rule_names'));
  private readonly types = new ValueCache((raw) => text(raw, 'detection_types'));
  private readonly labels = new ValueCache((raw) => text(raw, 'label'));
  private readonly extras: ValueCache<string>[];
  /** Attribute JSON by the extras' cache slots (`attrSets` holds the JSON of each cell). */
  private readonly attrCells: CellTable;
  private attrSets: (string | null)[] = [];
  private attrEpoch = 0;
  private readonly attrValues: (string | undefined)[];

  constructor(
    private readonly columns: CloudwatchColumns,
    private readonly width: number,
    /** Unmapped columns, in the order `attrs` was made with. */
    private readonly extraIndexes: readonly number[],
    private readonly attrs: AttrsEncoder,
  ) {
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
    this.extras = extraIndexes.map(() => new ValueCache(checkedExtra));
    this.attrCells = new CellTable(Math.max(1, extraIndexes.length), 0);
    this.attrValues = new Array(extraIndexes.length);
  }

  /**
   * The row of a plain ASCII line (no quotes, no line end), or null when the line must be read the
   * general way. `line` is its text and `bytes[at, at + line.length)` the same characters as bytes:
   * commas are found in the text (a native search), values are read from the bytes.
   */
  read(line: string, bytes: Buffer, at: number, lineNo: number): SessionRow | null {
    if (!this.split(line, at)) return null;
    const c = this.columns;
    const startTs = this.time(bytes, c.start);
    const endTs = this.time(bytes, c.end);
    if (startTs === null || endTs === null || endTs < startTs) return null;
    const bytesIn = this.whole(bytes, c.bytesIn);
    const bytesOut = this.whole(bytes, c.bytesOut);
    const dstPort = this.whole(bytes, c.dstPort);
    const responseCode = this.whole(bytes, c.responseCode);
    if (bytesIn === NOT_PLAIN || bytesOut === NOT_PLAIN || responseCode === NOT_PLAIN) return null;
    if (dstPort === NOT_PLAIN || dstPort > 65535) return null;
    const src = this.slot(bytes, this.srcIps, c.srcIp);
    const dst = this.slot(bytes, this.dstIps, c.dstIp);
    const country = this.slot(bytes, this.countries, c.country);
    const protocol = this.slot(bytes, this.protocols, c.protocol);
    const rule = this.slot(bytes, this.rules, c.ruleName);
    const type = this.slot(bytes, this.types, c.detectionType);
    const label = this.slot(bytes, this.labels, c.label);
    if (src === NOT_CACHED || dst === NOT_CACHED || country === NOT_CACHED) return null;
    if (protocol === NOT_CACHED || rule === NOT_CACHED || type === NOT_CACHED || label === NOT_CACHED)
      return null;
    const attrs = this.attributes(bytes);
    if (attrs === undefined) return null;
    return {
      startTs,
      endTs,
      srcIp: this.srcIps.value(src)!,
      dstIp: orNull(this.dstIps, dst),
      srcPort: null,
      dstPort: orMissing(dstPort),
      protocol: orNull(this.protocols, protocol),
      bytesIn: orMissing(bytesIn),
      bytesOut: orMissing(bytesOut),
      packets: null,
      responseCode: orMissing(responseCode),
      country: orNull(this.countries, country),
      asn: null,
      ruleName: orNull(this.rules, rule),
      detectionType: orNull(this.types, type),
      action: null,
      label: orNull(this.labels, label),
      attrs,
      line: lineNo,
    };
  }

  /** Finds the fields (as byte offsets from `at`); false unless there are exactly `width` of them. */
  private split(line: string, at: number): boolean {
    const starts = this.starts;
    const ends = this.ends;
    const last = this.width - 1;
    let start = 0;
    for (let field = 0; field < last; field++) {
      const comma = line.indexOf(',', start);
      if (comma === -1) return false;
      starts[field] = at + start;
      ends[field] = at + comma;
      start = comma + 1;
    }
    if (line.indexOf(',', start) !== -1) return false;
    starts[last] = at + start;
    ends[last] = at + line.length;
    return true;
  }

  /** `YYYY-MM-DDTHH:MM:SSZ` (values.ts reads the same shape from text), or null. */
  private time(bytes: Buffer, column: number): number | null {
    const at = this.starts[column]!;
    if (this.ends[column]! - at !== 20) return null;
    if (bytes[at + 4] !== 45 || bytes[at + 7] !== 45 || bytes[at + 10] !== 84) return null;
    if (bytes[at + 13] !== 58 || bytes[at + 16] !== 58 || bytes[at + 19] !== 90) return null;
    const year = digits(bytes, at, at + 4);
    const month = digits(bytes, at + 5, at + 7);
    const day = digits(bytes, at + 8, at + 10);
    const hour = digits(bytes, at + 11, at + 13);
    const minute = digits(bytes, at + 14, at + 16);
    const second = digits(bytes, at + 17, at + 19);
    if ((year | month | day | hour | minute | second) < 0) return null;
    const ms = utcMillis(year, month, day, hour, minute, second);
    return Number.isNaN(ms) ? null : ms;
  }

  /** A whole number written with digits only; MISSING when empty or absent, else NOT_PLAIN. */
  private whole(bytes: Buffer, column: number): number {
    if (column === -1) return MISSING;
    const start = this.starts[column]!;
    const end = this.ends[column]!;
    if (start === end) return MISSING;
    if (end - start > MAX_DIGITS) return NOT_PLAIN;
    const n = digits(bytes, start, end);
    return n < 0 ? NOT_PLAIN : n;
  }

  /** The cache slot of a column's value: ABSENT, or -1 when the value is not valid. */
  private slot<T>(bytes: Buffer, cache: ValueCache<T>, column: number): number {
    if (column === -1) return ABSENT;
    return cache.find(bytes, this.starts[column]!, this.ends[column]!);
  }

  /**
   * The attribute JSON of the extra columns, made once per combination of their values; undefined
   * when the line must take the general lane (an extra that fails validation, or a `time` that
   * differs from creation_time, which is then kept per row).
   */
  private attributes(bytes: Buffer): string | null | undefined {
    const indexes = this.extraIndexes;
    if (indexes.length === 0) return null;
    const cells = this.attrCells;
    let epoch = 0;
    for (let k = 0; k < indexes.length; k++) {
      const column = indexes[k]!;
      if (column === this.columns.time) {
        if (!this.sameBytes(bytes, column, this.columns.start)) return undefined;
        cells.key[k] = -1;
        continue;
      }
      const slot = this.slot(bytes, this.extras[k]!, column);
      if (slot < 0) return undefined;
      cells.key[k] = slot;
      epoch += this.extras[k]!.epoch;
    }
    if (epoch !== this.attrEpoch || cells.size >= MAX_ATTR_SETS) {
      // Extra slots were renumbered (or too many combinations): the cells no longer mean anything.
      cells.clear();
      this.attrSets = [];
      this.attrEpoch = epoch;
    }
    const cell = cells.find();
    if (cell === this.attrSets.length) this.attrSets.push(this.encodeAttributes());
    return this.attrSets[cell]!;
  }

  private encodeAttributes(): string | null {
    const values = this.attrValues;
    const key = this.attrCells.key;
    for (let k = 0; k < values.length; k++) {
      values[k] = key[k] === -1 ? undefined : this.extras[k]!.value(key[k]!);
    }
    return this.attrs.encode(values);
  }

  private sameBytes(bytes: Buffer, a: number, b: number): boolean {
    const length = this.ends[a]! - this.starts[a]!;
    if (length !== this.ends[b]! - this.starts[b]!) return false;
    const from = this.starts[a]!;
    const to = this.starts[b]!;
    for (let i = 0; i < length; i++) if (bytes[from + i] !== bytes[to + i]) return false;
    return true;
  }
}

/** The decimal number in bytes [from, to), or -1 when one of them is not a digit. */
function digits(bytes: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function orNull<T>(cache: ValueCache<T>, slot: number): T | null {
  return slot === ABSENT ? null : cache.value(slot);
}

function orMissing(value: number): number | null {
  return value === MISSING ? null : value;
}

/** An extra column's value as kept in the attributes ('' when empty). */
export function checkedExtra(value: string | undefined): string {
  return text(value, 'extra column') ?? '';
}
