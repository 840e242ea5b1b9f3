// The CloudWatch "Suspicious Web Threat Interactions" CSV (16 columns, any order, extra columns kept).
import { AttrsEncoder } from '../attrs.js';
import { CsvRecordReader } from '../csv-records.js';
import type { FormatDefinition, FormatParser, RecordSink, SessionRow } from '../types.js';
import { checkSpan, count, optionalIp, port, RowError, requiredIp, text, timestamp } from '../values.js';
import { CloudwatchFastLine, checkedExtra } from './cloudwatch-fast-line.js';
import { countryCode } from './json-values.js';

const MAPPED = {
  bytesIn: 'bytes_in',
  bytesOut: 'bytes_out',
  start: 'creation_time',
  end: 'end_time',
  srcIp: 'src_ip',
  country: 'src_ip_country_code',
  protocol: 'protocol',
  responseCode: 'response.code',
  dstPort: 'dst_port',
  dstIp: 'dst_ip',
  ruleName: 'rule_names',
  detectionType: 'detection_types',
  label: 'label',
  time: 'time',
} as const;
type Mapped = keyof typeof MAPPED;

const REQUIRED: readonly Mapped[] = ['bytesIn', 'bytesOut', 'start', 'end', 'srcIp', 'dstIp'];
const SIGNATURE = ['bytes_in', 'bytes_out', 'creation_time', 'end_time', 'src_ip', 'detection_types'];

export const cloudwatchCsv: FormatDefinition = {
  id: 'cloudwatch-csv',
  label: 'CloudWatch web-attack CSV',
  detect(head) {
    const header = head.slice(0, head.indexOf('\n') === -1 ? head.length : head.indexOf('\n')).toLowerCase();
    const names = header.split(',').map((name) => name.trim().replace(/^"|"$/g, ''));
    const hits = SIGNATURE.filter((name) => names.includes(name)).length;
    return hits / SIGNATURE.length;
  },
  createParser: () => new CloudwatchCsvParser(),
};

class CloudwatchCsvParser implements FormatParser {
  private sink: RecordSink | null = null;
  private readonly reader = new CsvRecordReader(
    (fields, line, raw) => this.onRecord(fields, line, raw),
    (line, raw, reason) => this.sink!.bad(line, raw, reason),
    (line, lineNo, at) => this.readPlain(line, lineNo, at),
    () => this.width,
  );
  /** The piece being read, as bytes when it is all ASCII (for the fast lane). */
  private ascii: Buffer | null = null;
  /** Set once the header is read. */
  private fastLine: CloudwatchFastLine | null = null;
  private columns: Record<Mapped, number> | null = null;
  private width = 0;
  private extraIndexes: number[] = [];
  private attrs = new AttrsEncoder([]);
  /** Reused per row (the encoder copies what it keeps): one array less to collect per row. */
  private extraValues: (string | undefined)[] = [];

  push(text: string, sink: RecordSink, ascii: Buffer | null = null): void {
    this.sink = sink;
    this.ascii = ascii;
    this.reader.push(text);
    this.ascii = null;
  }

  end(sink: RecordSink): void {
    this.sink = sink;
    this.reader.end();
  }

  private readPlain(line: string, lineNo: number, at: number): boolean {
    if (this.ascii === null || at < 0 || this.fastLine === null) return false;
    const row = this.fastLine.read(line, this.ascii, at, lineNo);
    if (!row) return false;
    this.sink!.row(row);
    return true;
  }

  private onRecord(fields: string[], line: number, raw: string): void {
    if (this.columns === null) {
      this.readHeader(fields);
      return;
    }
    if (fields.length === 1 && fields[0] === '') return; // blank line
    if (fields.length !== this.width) {
      this.sink!.bad(line, raw, `expected ${this.width} fields, found ${fields.length}`);
      return;
    }
    try {
      this.sink!.row(this.toRow(fields, line));
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      this.sink!.bad(line, raw, error.message);
    }
  }

  private readHeader(fields: string[]): void {
    const names = fields.map((name) => name.trim().toLowerCase());
    const index = (name: string) => names.indexOf(name);
    const columns = {} as Record<Mapped, number>;
    for (const key of Object.keys(MAPPED) as Mapped[]) columns[key] = index(MAPPED[key]);
    const missing = REQUIRED.filter((key) => columns[key] === -1).map((key) => MAPPED[key]);
    if (missing.length > 0) {
      throw new Error(`Not a CloudWatch web-attack CSV: the header lacks ${missing.join(', ')}`);
    }
    // `time` repeats creation_time in every known export; it is kept (as an extra) only where it differs.
    const mappedIndexes = new Set(
      Object.entries(columns)
        .filter(([key]) => key !== 'time')
        .map(([, i]) => i),
    );
    this.extraIndexes = names.map((_, i) => i).filter((i) => !mappedIndexes.has(i));
    this.attrs = new AttrsEncoder(this.extraIndexes.map((i) => fields[i]!.trim()));
    this.columns = columns;
    this.width = fields.length;
    this.extraValues = new Array(this.extraIndexes.length);
    this.fastLine = new CloudwatchFastLine(columns, this.width, this.extraIndexes, this.attrs);
  }

  private encodeExtras(f: string[], c: Record<Mapped, number>): string | null {
    const values = this.extraValues;
    for (let k = 0; k < values.length; k++) {
      const i = this.extraIndexes[k]!;
      values[k] = i === c.time && f[i] === f[c.start] ? undefined : checkedExtra(f[i]);
    }
    return this.attrs.encode(values);
  }

  private toRow(f: string[], line: number): SessionRow {
    const c = this.columns!;
    const startTs = timestamp(f[c.start], MAPPED.start);
    const endTs = timestamp(f[c.end], MAPPED.end);
    checkSpan(startTs, endTs);
    return {
      startTs,
      endTs,
      srcIp: requiredIp(f[c.srcIp], MAPPED.srcIp),
      dstIp: optionalIp(f[c.dstIp], MAPPED.dstIp),
      srcPort: null,
      dstPort: c.dstPort === -1 ? null : port(f[c.dstPort], MAPPED.dstPort),
      protocol: c.protocol === -1 ? null : text(f[c.protocol], MAPPED.protocol),
      bytesIn: count(f[c.bytesIn], MAPPED.bytesIn),
      bytesOut: count(f[c.bytesOut], MAPPED.bytesOut),
      packets: null,
      responseCode: c.responseCode === -1 ? null : count(f[c.responseCode], MAPPED.responseCode),
      country: c.country === -1 ? null : countryCode(f[c.country], MAPPED.country),
      asn: null,
      ruleName: c.ruleName === -1 ? null : text(f[c.ruleName], MAPPED.ruleName),
      detectionType: c.detectionType === -1 ? null : text(f[c.detectionType], MAPPED.detectionType),
      action: null,
      label: c.label === -1 ? null : text(f[c.label], MAPPED.label),
      attrs: this.encodeExtras(f, c),
      line,
    };
  }
}
