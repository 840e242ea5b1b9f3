// Reads generated access logs back for the tests with small strict grammars written from the
// formats' documentation (Apache's Combined Log Format and its escaping; the AWS ALB access-log
// entry syntax), not with Vigil's importers: a line the grammar refuses is a generator bug.
import fs from 'node:fs';

/** A logged value inside double quotes: printable ASCII, `\"`, `\\`, C escapes or `\xhh`. */
const QUOTED = String.raw`((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\bnrtv]|\\x[0-9a-f]{2})*)`;
const IPV4 = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}`;
// Full (uncompressed) form: the generator never writes `::`.
const IPV6 = '[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){7}';
const CLIENT = `(${IPV4}|${IPV6})`;
const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';

// %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"
const COMBINED = new RegExp(
  `^${CLIENT} - (-|[A-Za-z0-9._-]+) \\[(\\d{2})/(${MONTHS})/(\\d{4}):(\\d{2}):(\\d{2}):(\\d{2}) \\+0000\\] "${QUOTED}" ([1-5]\\d\\d) (\\d+|-) "${QUOTED}" "${QUOTED}"$`,
);
// A request line: METHOD SP request-target SP HTTP-version (the target may hold raw spaces).
const REQUEST_LINE = /^([A-Z]+) (\S.*) (HTTP\/(?:1\.0|1\.1|2\.0))$/;

export interface WebLine {
  client: string;
  /** Epoch ms, second resolution for Combined. */
  time: number;
  method: string | null;
  /** Request target as logged (escapes kept), or null for a line that is not HTTP. */
  target: string | null;
  status: number;
  bytes: number;
  referrer: string;
  agent: string;
  /** The raw request text when it is not `METHOD TARGET VERSION`. */
  raw: string | null;
  label: string;
}

/** Parses a Combined line; throws with the line when the grammar refuses it. */
export function parseCombined(line: string, label: string): WebLine {
  const m = COMBINED.exec(line);
  if (!m) throw new Error(`not a Combined Log Format line: ${line}`);
  const [, client, , day, month, year, h, min, s, request, status, bytes, referrer, agent] = m;
  const time = Date.UTC(
    Number(year),
    MONTHS.split('|').indexOf(month!),
    Number(day),
    Number(h),
    Number(min),
    Number(s),
  );
  const r = REQUEST_LINE.exec(request!);
  return {
    client: client!,
    time,
    method: r ? r[1]! : null,
    target: r ? r[2]! : null,
    status: Number(status),
    bytes: bytes === '-' ? 0 : Number(bytes),
    referrer: referrer!,
    agent: agent!,
    raw: r ? null : request!,
    label,
  };
}

const ISO = String.raw`(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)`;
const SECONDS = String.raw`(-1|\d+\.\d{3})`;
const PRIVATE_TARGET = String.raw`(10\.\d+\.\d+\.\d+:\d+|-)`;
const ARN = (service: string) => String.raw`arn:aws:${service}:us-east-1:123456789012:[a-z-]+/[\w/-]+`;
// The 33 fields of the documented syntax, in order.
const ALB = new RegExp(
  `${[
    '^(http|https|h2|grpcs|ws|wss)',
    ISO,
    '(app/[\\w-]+/[0-9a-f]{16})',
    `${CLIENT}:(\\d{1,5})`,
    PRIVATE_TARGET,
    SECONDS,
    SECONDS,
    SECONDS,
    '([1-5]\\d\\d)',
    '([1-5]\\d\\d|-)',
    '(\\d+)',
    '(\\d+)',
    `"${QUOTED}"`,
    `"${QUOTED}"`,
    '([A-Z0-9_-]+|-)',
    '(TLSv1\\.[0-3]|-)',
    `(${ARN('elasticloadbalancing')}|-)`,
    '"(Root=1-[0-9a-f]{8}-[0-9a-f]{24}|-)"',
    '"([a-z0-9.-]+|-)"',
    `"(${ARN('acm')}|session-reused|-)"`,
    '(\\d{1,5}|-1|-)',
    ISO,
    '"((?:waf|waf-failed|authenticate|redirect|fixed-response|forward)(?:,(?:waf|waf-failed|authenticate|redirect|fixed-response|forward))*|-)"',
    `"${QUOTED}"`,
    '"([A-Za-z]+|-)"',
    `"${PRIVATE_TARGET}"`,
    '"([1-5]\\d\\d|-)"',
    '"(Acceptable|Ambiguous|Severe|-)"',
    '"([A-Za-z]+|-)"',
    '(TID_[0-9a-f]{32})',
    `"${QUOTED}"`,
    `"${QUOTED}"`,
    `"${QUOTED}"`,
  ].join(' ')}$`,
);
// ALB's request field: METHOD protocol://host:port/uri VERSION, or `- http://host:port- -`.
const ALB_REQUEST = /^([A-Z]+) (https?):\/\/([^/:\s]+):(\d+)(\/.*) (HTTP\/(?:1\.0|1\.1|2\.0))$/;
const ALB_UNREAD = /^- http:\/\/[^/:\s]+:\d+- -$/;

export interface AlbLine extends WebLine {
  type: string;
  /** Microseconds since the epoch. */
  createdUs: number;
  answeredUs: number;
  elbStatus: number;
  targetStatus: string;
  target: string | null;
  backend: string;
  actions: string;
  redirect: string;
  error: string;
  classification: string;
  classificationReason: string;
  ruleTimes: [string, string, string];
  fields: string[];
}

function micros(iso: string): number {
  return Date.parse(`${iso.slice(0, 19)}Z`) * 1000 + Number(iso.slice(20, 26));
}

export function parseAlb(line: string, label: string): AlbLine {
  const m = ALB.exec(line);
  if (!m) throw new Error(`not an ALB access-log line: ${line}`);
  const f = m.slice(1) as string[];
  const [type, time, , client, , backend, t1, t2, t3, elbStatus, targetStatus, , sent, request, agent] = f;
  const created = f[22]!;
  const r = ALB_REQUEST.exec(request!);
  if (!r && !ALB_UNREAD.test(request!)) throw new Error(`not an ALB request field: ${request}`);
  return {
    type: type!,
    client: client!,
    time: Date.parse(created),
    createdUs: micros(created),
    answeredUs: micros(time!),
    method: r ? r[1]! : null,
    target: r ? r[5]! : null,
    status: Number(elbStatus),
    elbStatus: Number(elbStatus),
    targetStatus: targetStatus!,
    bytes: Number(sent),
    referrer: '',
    agent: agent!,
    raw: r ? null : request!,
    label,
    backend: backend!,
    actions: f[23]!,
    redirect: f[24]!,
    error: f[25]!,
    classification: f[28]!,
    classificationReason: f[29]!,
    ruleTimes: [t1!, t2!, t3!],
    fields: f,
  };
}

/** The log's lines and their labels from PATH.labels.csv, checked to line up one to one. */
export function readWebLog(file: string): { lines: string[]; labels: string[] } {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines.at(-1) !== '') throw new Error('the log does not end with a newline');
  lines.pop();
  const sidecar = fs.readFileSync(`${file}.labels.csv`, 'utf8').split('\n');
  if (sidecar[0] !== 'line,label' || sidecar.at(-1) !== '') throw new Error('bad sidecar framing');
  const labels = sidecar.slice(1, -1).map((row, i) => {
    const [n, label] = row.split(',');
    if (Number(n) !== i + 1) throw new Error(`sidecar row ${i + 1} names line ${n}`);
    return label!;
  });
  if (labels.length !== lines.length) throw new Error(`${labels.length} labels for ${lines.length} lines`);
  return { lines, labels };
}
