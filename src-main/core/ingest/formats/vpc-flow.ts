// AWS VPC Flow Logs: space-separated records in the default version 2 format, or in a custom
// format named by a header line (fields in any order; S3 delivery writes that header).
import { AttrsEncoder } from '../attrs.js';
import { LineSplitter } from '../lines.js';
import type { FormatDefinition, FormatParser, RecordSink, SessionRow } from '../types.js';
import { checkSpan, clip, MAX_FIELD_CHARS, optionalIp, RowError, requiredIp } from '../values.js';
import { detectVpcFlow } from './vpc-detect.js';
import {
  DEFAULT_FIELDS,
  epochSeconds,
  fastCount,
  fastPort,
  flowAction,
  isHeaderLine,
  isIsoStamp,
  protocolName,
} from './vpc-fields.js';

const NODATA_REASON =
  'log-status NODATA: no network traffic to or from the network interface during this capture window (not a flow; nothing was lost)';
const SKIPDATA_REASON =
  'log-status SKIPDATA: AWS skipped flow records during this capture window (capacity limit or internal error); traffic in this window is missing from the log';

export const vpcFlow: FormatDefinition = {
  id: 'vpc-flow',
  label: 'AWS VPC Flow Logs',
  detect: detectVpcFlow,
  createParser: () => new VpcFlowParser(),
};

/** Where each field sits in a record of the current layout (-1: not in this format). */
interface Layout {
  width: number;
  /** Explains the expected field count in quarantine reasons. */
  origin: string;
  fromHeader: boolean;
  srcIp: number;
  srcIpName: string;
  dstaddr: number;
  srcport: number;
  dstport: number;
  protocol: number;
  packets: number;
  bytes: number;
  start: number;
  end: number;
  action: number;
  logStatus: number;
  extras: number[];
  extraNames: string[];
  attrs: AttrsEncoder;
}

class VpcFlowParser implements FormatParser {
  private sink: RecordSink | null = null;
  private readonly lines = new LineSplitter(
    (line, lineNo) => this.onLine(line, lineNo),
    (head, lineNo) => this.sink!.bad(lineNo, head, 'line longer than 1 MiB'),
  );
  private layout = buildLayout(
    DEFAULT_FIELDS,
    'default version 2 format; a custom format needs its header line',
    false,
  );
  private extraValues: (string | undefined)[] = [];

  push(text: string, sink: RecordSink): void {
    this.sink = sink;
    this.lines.push(text);
  }

  end(sink: RecordSink): void {
    this.sink = sink;
    this.lines.end();
  }

  private onLine(raw: string, lineNo: number): void {
    if (raw.length === 0) return;
    let line = raw;
    const last = line.charCodeAt(line.length - 1);
    if (last === 32 || last === 9 || line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9) {
      line = line.trim();
      if (line === '') return; // blank line: not a record
    }
    // A header can also appear mid-file where log files were concatenated; it re-defines the layout.
    if (isHeaderLine(line)) {
      this.applyHeader(line, lineNo);
      return;
    }
    const sink = this.sink!;
    const layout = this.layout;
    let tokens = line.split(' ');
    // Tolerate runs of spaces or tabs (re-formatted exports) without paying for a regex on every line.
    if (tokens.length !== layout.width && (line.indexOf('  ') !== -1 || line.indexOf('\t') !== -1)) {
      tokens = line.split(/\s+/);
    }
    // A CloudWatch Logs export (S3) prefixes each event with its ingestion time; the record follows.
    if (tokens.length === layout.width + 1 && isIsoStamp(tokens[0]!)) tokens.shift();
    if (tokens.length !== layout.width) {
      sink.bad(lineNo, raw, `expected ${layout.width} fields (${layout.origin}), found ${tokens.length}`);
      return;
    }
    if (line.indexOf('\uFFFD') !== -1) {
      sink.bad(lineNo, raw, 'invalid UTF-8 bytes in the record');
      return;
    }
    // Quarantined, not stripped: see refuseNul (values.ts).
    if (line.indexOf('\0') !== -1) {
      sink.bad(lineNo, raw, 'NUL byte in the record');
      return;
    }
    if (layout.logStatus !== -1) {
      const status = tokens[layout.logStatus];
      if (status === 'NODATA' || status === 'SKIPDATA') {
        sink.bad(lineNo, raw, status === 'NODATA' ? NODATA_REASON : SKIPDATA_REASON);
        return;
      }
      if (status !== 'OK' && status !== '-') {
        sink.bad(lineNo, raw, `log-status: expected OK, NODATA or SKIPDATA, found ${clip(status!)}`);
        return;
      }
    }
    try {
      sink.row(this.toRow(tokens, lineNo));
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      sink.bad(lineNo, raw, error.message);
    }
  }

  private applyHeader(line: string, lineNo: number): void {
    const layout = buildLayout(line.split(/\s+/), `as named by the header on line ${lineNo}`, true);
    if (layout.start === -1) {
      throw new Error(
        `The VPC flow log header on line ${lineNo} has no "start" field; sessions need a start time`,
      );
    }
    if (layout.srcIp === -1) {
      throw new Error(`The VPC flow log header on line ${lineNo} has neither "srcaddr" nor "pkt-srcaddr"`);
    }
    this.layout = layout;
  }

  private toRow(t: string[], line: number): SessionRow {
    const c = this.layout;
    if (!c.fromHeader && t[0] !== '2') {
      throw new RowError(
        `version: the default format is version 2, found ${clip(t[0]!)}; a custom format needs its header line`,
      );
    }
    const startTs = epochSeconds(t[c.start]!, 'start');
    const endTs = c.end === -1 || t[c.end] === '-' ? startTs : epochSeconds(t[c.end]!, 'end');
    checkSpan(startTs, endTs);
    return {
      startTs,
      endTs,
      srcIp: requiredIp(t[c.srcIp], c.srcIpName),
      dstIp: c.dstaddr === -1 ? null : optionalIp(t[c.dstaddr], 'dstaddr'),
      srcPort: c.srcport === -1 ? null : fastPort(t[c.srcport]!, 'srcport'),
      dstPort: c.dstport === -1 ? null : fastPort(t[c.dstport]!, 'dstport'),
      protocol: c.protocol === -1 ? null : protocolName(t[c.protocol]!),
      // `bytes` counts what the source sent in the window; the reverse direction is its own record.
      bytesIn: null,
      bytesOut: c.bytes === -1 ? null : fastCount(t[c.bytes]!, 'bytes'),
      packets: c.packets === -1 ? null : fastCount(t[c.packets]!, 'packets'),
      responseCode: null,
      country: null,
      asn: null,
      ruleName: null,
      detectionType: null,
      action: c.action === -1 ? null : flowAction(t[c.action]!),
      label: null,
      attrs: this.extras(t),
      line,
    };
  }

  private extras(t: string[]): string | null {
    const { extras, extraNames, attrs } = this.layout;
    const values = this.extraValues;
    values.length = extras.length;
    for (let i = 0; i < extras.length; i++) {
      const value = t[extras[i]!]!;
      if (value.length > MAX_FIELD_CHARS)
        throw new RowError(`${extraNames[i]}: longer than ${MAX_FIELD_CHARS} characters`);
      values[i] = value === '-' || value === '' ? undefined : value;
    }
    return attrs.encode(values);
  }
}

function buildLayout(names: readonly string[], origin: string, fromHeader: boolean): Layout {
  const at = (name: string) => names.indexOf(name);
  // pkt-srcaddr stands in for srcaddr only when the format has no srcaddr; otherwise it stays an extra.
  const srcIpName = at('srcaddr') !== -1 || at('pkt-srcaddr') === -1 ? 'srcaddr' : 'pkt-srcaddr';
  const mapped = [
    'dstaddr',
    'srcport',
    'dstport',
    'protocol',
    'packets',
    'bytes',
    'start',
    'end',
    'action',
    'log-status',
    srcIpName,
  ];
  const extras: number[] = [];
  for (let i = 0; i < names.length; i++)
    if (!mapped.includes(names[i]!) || names.indexOf(names[i]!) !== i) extras.push(i);
  const extraNames = extras.map((i) => names[i]!);
  return {
    width: names.length,
    origin,
    fromHeader,
    srcIp: at(srcIpName),
    srcIpName,
    dstaddr: at('dstaddr'),
    srcport: at('srcport'),
    dstport: at('dstport'),
    protocol: at('protocol'),
    packets: at('packets'),
    bytes: at('bytes'),
    start: at('start'),
    end: at('end'),
    action: at('action'),
    logStatus: at('log-status'),
    extras,
    extraNames,
    attrs: new AttrsEncoder(extraNames),
  };
}
