// AWS Application Load Balancer access logs: one request per line, space-separated, texts in
// quotes, every field AWS documents in its order (the list grows at the end over the years; AWS
// says to expect more: fields past the known ones are kept as attributes by position).
import { AttrsEncoder } from '../attrs.js';
import type { FormatDefinition, SessionRow } from '../types.js';
import { checkSpan, clip, count, optionalIp, RowError, requiredIp } from '../values.js';
import { ClfTokens } from './clf-tokens.js';
import { completeLines } from './head-lines.js';
import { checkText, emptyRequest, secondsToMs, splitRequestLine, unescapeLogText } from './http-request.js';
import { isoTime } from './iso-time.js';
import { checkRecordText, LineRecordParser } from './line-records.js';
import { newWebRow, setRequest } from './web-row.js';

/** The documented fields, in log order. */
export const ALB_FIELDS = [
  'type',
  'time',
  'elb',
  'client:port',
  'target:port',
  'request_processing_time',
  'target_processing_time',
  'response_processing_time',
  'elb_status_code',
  'target_status_code',
  'received_bytes',
  'sent_bytes',
  'request',
  'user_agent',
  'ssl_cipher',
  'ssl_protocol',
  'target_group_arn',
  'trace_id',
  'domain_name',
  'chosen_cert_arn',
  'matched_rule_priority',
  'request_creation_time',
  'actions_executed',
  'redirect_url',
  'error_reason',
  'target:port_list',
  'target_status_code_list',
  'classification',
  'classification_reason',
  'conn_trace_id',
  'transformed_host',
  'transformed_uri',
  'request_transform_status',
] as const;
type AlbField = (typeof ALB_FIELDS)[number];
const AT = Object.fromEntries(ALB_FIELDS.map((name, i) => [name, i])) as Record<AlbField, number>;

/** Fields read into the session's own fields; every other one is kept as an attribute. */
const MAPPED: ReadonlySet<AlbField> = new Set<AlbField>([
  'type',
  'time',
  'client:port',
  'target:port',
  'elb_status_code',
  'received_bytes',
  'sent_bytes',
  'request',
  'user_agent',
  'ssl_cipher',
  'ssl_protocol',
  'trace_id',
  'request_creation_time',
  'actions_executed',
]);
const ATTR_FIELDS: readonly AlbField[] = ALB_FIELDS.filter((name) => !MAPPED.has(name));
/** Fewer fields than this (through user_agent) is not an ALB record. */
const MIN_FIELDS = AT.user_agent + 1;
const TYPES = new Set(['http', 'https', 'h2', 'grpcs', 'ws', 'wss']);

export const alb: FormatDefinition = {
  id: 'alb',
  label: 'AWS Application Load Balancer access log',
  detect(head) {
    const lines = completeLines(head, 20);
    if (lines.length === 0) return 0;
    let hits = 0;
    for (const line of lines) if (looksLikeAlb(line)) hits++;
    return hits / lines.length;
  },
  createParser: () => new AlbParser(),
};

function looksLikeAlb(line: string): boolean {
  const t = line.split(' ', 5);
  if (t.length < 5 || !TYPES.has(t[0] ?? '')) return false;
  const time = t[1] ?? '';
  return time.length >= 20 && time.charCodeAt(10) === 84 && time.endsWith('Z') && (t[3] ?? '').includes(':');
}

class AlbParser extends LineRecordParser {
  private readonly tokens = new ClfTokens();
  private readonly request = emptyRequest();
  private readonly attrValues: (string | undefined)[] = [];
  private attrs = new AttrsEncoder(ATTR_FIELDS);
  private attrWidth: number = ALB_FIELDS.length;

  protected toRow(line: string, lineNo: number): SessionRow {
    checkRecordText(line);
    const t = this.tokens;
    const problem = t.read(line);
    if (problem !== null) throw new RowError(problem);
    if (t.count < MIN_FIELDS)
      throw new RowError(`expected at least ${MIN_FIELDS} fields (ALB access log), found ${t.count}`);
    const field = (i: number): string => (i < t.count ? line.slice(t.starts[i], t.ends[i]) : '-');
    const type = field(AT.type);
    if (!TYPES.has(type)) throw new RowError(`type: not an ALB request type: ${clip(type)}`);
    const endTs = isoTime(field(AT.time), 'time');
    const created = field(AT.request_creation_time);
    const startTs = created === '-' ? endTs : isoTime(created, 'request_creation_time');
    checkSpan(startTs, endTs);
    const client = splitAddress(field(AT['client:port']), 'client:port', true);
    const row = newWebRow(startTs, client.ip ?? '', lineNo);
    row.endTs = endTs;
    row.srcPort = client.port;
    const target = splitAddress(field(AT['target:port']), 'target:port', false);
    row.dstIp = target.ip;
    row.dstPort = target.port;
    row.protocol = type;
    row.requestTimeMs = processingTime(
      field(AT.request_processing_time),
      field(AT.target_processing_time),
      field(AT.response_processing_time),
    );
    row.responseCode = count(field(AT.elb_status_code), 'elb_status_code');
    row.bytesIn = count(field(AT.received_bytes), 'received_bytes');
    row.bytesOut = count(field(AT.sent_bytes), 'sent_bytes');
    splitRequestLine(field(AT.request), this.request, 'request');
    // A request ALB could not parse is logged as `- http://host:80- -`: the listener's address, no
    // method and no path (the `/` an absolute URL without a path stands for was never asked).
    if (this.request.method === '-') {
      this.request.method = null;
      this.request.path = null;
      this.request.query = null;
    }
    setRequest(row, this.request);
    row.userAgent = loggedText(field(AT.user_agent), 'user_agent');
    row.tlsCipher = loggedText(field(AT.ssl_cipher), 'ssl_cipher');
    row.tlsProtocol = loggedText(field(AT.ssl_protocol), 'ssl_protocol');
    row.requestId = loggedText(field(AT.trace_id), 'trace_id');
    if (row.host === null) row.host = loggedText(field(AT.domain_name), 'domain_name');
    row.action = loggedText(field(AT.actions_executed), 'actions_executed');
    row.attrs = this.encodeAttrs(t.count, field);
    return row;
  }

  private encodeAttrs(width: number, field: (i: number) => string): string | null {
    if (width > this.attrWidth) {
      // Fields newer than this list: kept by their 1-based position.
      const names: string[] = [...ATTR_FIELDS];
      for (let i = ALB_FIELDS.length; i < width; i++) names.push(`field${i + 1}`);
      this.attrs = new AttrsEncoder(names);
      this.attrWidth = width;
    }
    const values = this.attrValues;
    values.length = ATTR_FIELDS.length + Math.max(0, this.attrWidth - ALB_FIELDS.length);
    for (let k = 0; k < ATTR_FIELDS.length; k++) {
      const name = ATTR_FIELDS[k] as AlbField;
      values[k] = loggedText(field(AT[name]), name) ?? undefined;
    }
    for (let i = ALB_FIELDS.length; i < this.attrWidth; i++) {
      values[ATTR_FIELDS.length + i - ALB_FIELDS.length] =
        loggedText(field(i), `field ${i + 1}`) ?? undefined;
    }
    return this.attrs.encode(values);
  }
}

/** `-`-for-missing text, checked, with the log's escapes undone. */
function loggedText(value: string, name: string): string | null {
  if (value === '-' || value === '') return null;
  checkText(value, name);
  return unescapeLogText(value);
}

/** `ip:port` (or `[ipv6]:port`); `-` when the load balancer had no target. */
export function splitAddress(
  value: string,
  name: string,
  required: boolean,
): { ip: string | null; port: number | null } {
  if (value === '-' || value === '') {
    if (required) throw new RowError(`${name}: missing`);
    return { ip: null, port: null };
  }
  const colon = value.lastIndexOf(':');
  if (colon === -1) throw new RowError(`${name}: expected address:port, found ${clip(value)}`);
  let host = value.slice(0, colon);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const port = Number(value.slice(colon + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535 || colon + 1 === value.length)
    throw new RowError(`${name}: not a port: ${clip(value)}`);
  return { ip: required ? requiredIp(host, name) : optionalIp(host, name), port };
}

/** The load balancer's three processing times summed, in ms; null when any is -1 (not reached). */
function processingTime(request: string, target: string, response: string): number | null {
  const a = secondsToMs(request, 'request_processing_time');
  const b = secondsToMs(target, 'target_processing_time');
  const c = secondsToMs(response, 'response_processing_time');
  if (a === null || b === null || c === null) return null;
  return Math.round((a + b + c) * 1000) / 1000;
}
