// Suricata's EVE JSON log (eve.json): one event per line. `http` events are requests, `flow`
// events connections, `alert` events a signature that fired on traffic (with the request when
// Suricata logs HTTP metadata with alerts). Other network events (dns, tls, fileinfo, …) are kept
// as sessions with their event's fields as attributes; events that are not traffic (stats, engine
// messages: no src_ip) are quarantined with that reason.
import type { FormatDefinition, SessionRow, SourceRuleHit } from '../types.js';
import { RowError } from '../values.js';
import { emptyRequest, splitTarget } from './http-request.js';
import { isoTime } from './iso-time.js';
import { JsonLinesParser, type JsonObject, objectOrNull } from './json-lines.js';
import { anyCount, anyIp, anyPort, anyText } from './json-values.js';
import { newWebRow } from './web-row.js';

export const suricataEve: FormatDefinition = {
  id: 'suricata-eve',
  label: 'Suricata EVE JSON (eve.json)',
  detect(head) {
    const start = head.search(/\S/);
    const end = head.indexOf('\n', start);
    if (start === -1 || end === -1 || head.charCodeAt(start) !== 123) return 0;
    try {
      const record = objectOrNull(JSON.parse(head.slice(start, end)));
      if (record === null || typeof record.event_type !== 'string' || !('timestamp' in record)) return 0;
      return 'flow_id' in record || 'src_ip' in record || 'in_iface' in record ? 1 : 0.6;
    } catch {
      return 0;
    }
  },
  createParser: () => new SuricataEveParser(),
};

/** Suricata's severity (1 is the most severe) as a Sigma-style level. */
const LEVELS: Record<number, SourceRuleHit['level']> = { 1: 'high', 2: 'medium', 3: 'low' };

class SuricataEveParser extends JsonLinesParser {
  private readonly request = emptyRequest();

  protected toRow(r: JsonObject, line: number): SessionRow {
    const type = anyText(r.event_type, 'event_type');
    if (type === null) throw new RowError('event_type: missing');
    if (r.src_ip === undefined || r.src_ip === null)
      throw new RowError(`event_type ${type}: not a network event (no src_ip), so not a session`);
    const ends = clientToServer(r);
    const row = newWebRow(
      isoTime(anyText(r.timestamp, 'timestamp') ?? '', 'timestamp', 'auto'),
      anyIp(ends.src_ip, `${ends.from}src_ip`, true) ?? '',
      line,
    );
    row.srcPort = anyPort(ends.src_port, `${ends.from}src_port`);
    row.dstIp = anyIp(ends.dest_ip, `${ends.from}dest_ip`, false);
    row.dstPort = anyPort(ends.dest_port, `${ends.from}dest_port`);
    row.protocol = anyText(r.proto, 'proto');
    const attrs: Record<string, string> = { event_type: type };
    keep(attrs, r, [
      'app_proto',
      'flow_id',
      'tx_id',
      'in_iface',
      'community_id',
      'vlan',
      'host',
      'direction',
    ]);
    const http = objectOrNull(r.http);
    if (http !== null) this.readHttp(http, row, attrs);
    if (type === 'alert') readAlert(objectOrNull(r.alert), row, attrs);
    else if (type === 'flow') readFlow(objectOrNull(r.flow), row, attrs);
    else if (type === 'tls') readTls(objectOrNull(r.tls), row, attrs);
    else if (type !== 'http') {
      const event = r[type];
      if (event !== undefined && event !== null) attrs[type] = JSON.stringify(event);
    }
    row.attrs = JSON.stringify(attrs);
    return row;
  }

  private readHttp(http: JsonObject, row: SessionRow, attrs: Record<string, string>): void {
    row.method = anyText(http.http_method, 'http.http_method');
    row.host = anyText(http.hostname, 'http.hostname');
    const url = anyText(http.url, 'http.url');
    const request = this.request;
    request.host = null;
    request.path = null;
    request.query = null;
    if (url !== null) splitTarget(url, row.method, request);
    row.host ??= request.host;
    row.path = request.path;
    row.query = request.query;
    row.userAgent = anyText(http.http_user_agent, 'http.http_user_agent');
    row.referrer = anyText(http.http_refer, 'http.http_refer');
    row.httpVersion = anyText(http.protocol, 'http.protocol');
    row.responseCode = anyCount(http.status, 'http.status');
    row.bytesOut = anyCount(http.length, 'http.length');
    keep(attrs, http, ['http_content_type', 'xff', 'http_port', 'redirect'], 'http.');
  }
}

/**
 * The event's ends as a session has them: the client as source. An alert's src_ip/dest_ip are the
 * packet's, so an alert on a server's answer (`direction: to_client`) names the server as source;
 * Suricata 7 adds the flow's own ends (`flow.src_ip` …, the client first), which are used when
 * there, and otherwise a to_client packet's ends are swapped.
 */
function clientToServer(r: JsonObject): {
  src_ip: unknown;
  src_port: unknown;
  dest_ip: unknown;
  dest_port: unknown;
  from: string;
} {
  const flow = objectOrNull(r.flow);
  if (r.event_type !== 'flow' && flow !== null && flow.src_ip !== undefined && flow.src_ip !== null)
    return {
      src_ip: flow.src_ip,
      src_port: flow.src_port,
      dest_ip: flow.dest_ip,
      dest_port: flow.dest_port,
      from: 'flow.',
    };
  if (r.direction === 'to_client')
    return { src_ip: r.dest_ip, src_port: r.dest_port, dest_ip: r.src_ip, dest_port: r.src_port, from: '' };
  return { src_ip: r.src_ip, src_port: r.src_port, dest_ip: r.dest_ip, dest_port: r.dest_port, from: '' };
}

/**
 * The alert as the session's rule and detection, its documented fields as `alert.*` attributes
 * (so a stored session still says which signature fired), and as `sourceRuleHit` for the rule-hit
 * store.
 */
function readAlert(alert: JsonObject | null, row: SessionRow, attrs: Record<string, string>): void {
  if (alert === null) throw new RowError('alert: missing or not an object in an alert event');
  const signature = anyText(alert.signature, 'alert.signature');
  const signatureId = anyCount(alert.signature_id, 'alert.signature_id');
  const severity = anyCount(alert.severity, 'alert.severity');
  row.ruleName = signature ?? (signatureId === null ? null : `sid:${signatureId}`);
  row.detectionType = anyText(alert.category, 'alert.category') ?? 'alert';
  row.action = anyText(alert.action, 'alert.action');
  keep(attrs, alert, ['signature_id', 'gid', 'rev', 'severity', 'category', 'action'], 'alert.');
  const gid = anyCount(alert.gid, 'alert.gid') ?? 1;
  row.sourceRuleHit = {
    engine: 'suricata',
    ruleId: `${gid}:${signatureId ?? 0}:${anyCount(alert.rev, 'alert.rev') ?? 0}`,
    title: row.ruleName ?? 'Suricata alert',
    level: (severity !== null && LEVELS[severity]) || 'informational',
    matchedField: row.path !== null ? 'path' : null,
    matchedValue: row.path ?? null,
  };
}

function readFlow(flow: JsonObject | null, row: SessionRow, attrs: Record<string, string>): void {
  if (flow === null) throw new RowError('flow: missing or not an object in a flow event');
  const start = anyText(flow.start, 'flow.start');
  const end = anyText(flow.end, 'flow.end');
  if (start !== null) row.startTs = isoTime(start, 'flow.start', 'auto');
  row.endTs = end === null ? row.startTs : isoTime(end, 'flow.end', 'auto');
  if (row.endTs < row.startTs) throw new RowError('flow: end before start');
  row.bytesIn = anyCount(flow.bytes_toserver, 'flow.bytes_toserver');
  row.bytesOut = anyCount(flow.bytes_toclient, 'flow.bytes_toclient');
  const toServer = anyCount(flow.pkts_toserver, 'flow.pkts_toserver');
  const toClient = anyCount(flow.pkts_toclient, 'flow.pkts_toclient');
  row.packets = toServer === null && toClient === null ? null : (toServer ?? 0) + (toClient ?? 0);
  keep(attrs, flow, ['pkts_toserver', 'pkts_toclient', 'age', 'state', 'reason', 'alerted'], 'flow.');
}

function readTls(tls: JsonObject | null, row: SessionRow, attrs: Record<string, string>): void {
  if (tls === null) return;
  row.host = anyText(tls.sni, 'tls.sni');
  row.tlsProtocol = anyText(tls.version, 'tls.version');
  keep(attrs, tls, ['subject', 'issuerdn', 'ja3', 'ja3s', 'fingerprint'], 'tls.');
}

/** Copies the named fields of `from` that are present into `attrs` as text (objects as JSON). */
function keep(attrs: Record<string, string>, from: JsonObject, names: readonly string[], prefix = ''): void {
  for (const name of names) {
    const value = from[name];
    if (value === undefined || value === null || value === '') continue;
    attrs[prefix + name] =
      typeof value === 'object' ? JSON.stringify(value) : (anyText(value, prefix + name) ?? '');
  }
}
