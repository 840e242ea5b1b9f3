// AWS WAF (v2) logs: one JSON object per line, as delivered to S3, CloudWatch Logs or Firehose.
import type { FormatDefinition, SessionRow } from '../types.js';
import { RowError } from '../values.js';
import { BoundedAttrs, valueText } from './bounded-attrs.js';
import { JsonLinesParser, type JsonObject, objectOrNull } from './json-lines.js';
import { anyCount, anyIp, anyText, anyTimestamp, countryCode } from './json-values.js';
import { groupRulesText, labelsText, matchText, rulesText } from './waf-matches.js';
import { setHost } from './web-row.js';

// The fields read into the session's own fields (or, for matches and labels, into attributes
// of their own): every other field of a record is kept as an attribute by its WAF name.
const READ = new Set([
  'timestamp',
  'action',
  'terminatingRuleId',
  'responseCodeSent',
  'clientAsn',
  'httpRequest',
  'webaclId',
  'httpSourceName',
  'terminatingRuleType',
  'ruleGroupList',
  'terminatingRuleMatchDetails',
  'nonTerminatingMatchingRules',
  'labels',
]);
const READ_REQUEST = new Set([
  'clientIp',
  'country',
  'headers',
  'uri',
  'args',
  'httpVersion',
  'httpMethod',
  'requestId',
  'host',
]);

export const wafJson: FormatDefinition = {
  id: 'waf-json',
  label: 'AWS WAF logs (JSON lines)',
  detect(head) {
    const start = head.search(/\S/);
    if (start === -1 || head.charCodeAt(start) !== 123 /* { */) return 0;
    const end = head.indexOf('\n', start);
    if (end === -1) return 0; // the first record does not fit the head: not enough to decide
    try {
      const record = objectOrNull(JSON.parse(head.slice(start, end)));
      if (!record || objectOrNull(record.httpRequest) === null) return 0;
      return 'webaclId' in record || 'terminatingRuleId' in record ? 1 : 0.3;
    } catch {
      return 0;
    }
  },
  createParser: () => new WafJsonParser(),
};

class WafJsonParser extends JsonLinesParser {
  private readonly attrs = new BoundedAttrs();
  private readonly headers = new RequestHeaders();

  protected toRow(r: JsonObject, line: number): SessionRow {
    const request = objectOrNull(r.httpRequest);
    if (request === null) throw new RowError('httpRequest: missing or not an object');
    const ts = anyTimestamp(r.timestamp, 'timestamp', 'epoch-ms');
    const action = anyText(r.action, 'action');
    let ruleName = anyText(r.terminatingRuleId, 'terminatingRuleId');
    const group = terminatingGroupRule(r.ruleGroupList);
    // Default_Action means no web-ACL rule ended the request; a group rule that matched (its
    // action overridden, e.g. to COUNT) is then the most specific detection the log offers.
    if (group !== null && ruleName === 'Default_Action') ruleName = group.ruleId;
    const headers = this.headers.read(request.headers);
    const httpVersion = anyText(request.httpVersion, 'httpRequest.httpVersion');
    const requestId = anyText(request.requestId, 'httpRequest.requestId');
    const row: SessionRow = {
      startTs: ts,
      endTs: ts,
      srcIp: anyIp(request.clientIp, 'httpRequest.clientIp', true) as string,
      dstIp: null,
      srcPort: null,
      dstPort: null,
      protocol: httpVersion ?? 'HTTP',
      bytesIn: null,
      bytesOut: null,
      packets: null,
      responseCode: anyCount(r.responseCodeSent, 'responseCodeSent'),
      country: countryCode(request.country, 'httpRequest.country'),
      // Logged when the web ACL has an ASN match statement: WAF's own, kept over the geo database's.
      asn: anyCount(r.clientAsn, 'clientAsn'),
      ruleName,
      detectionType: action !== null && ruleName !== null ? `${action}:${ruleName}` : null,
      action,
      label: null,
      method: anyText(request.httpMethod, 'httpRequest.httpMethod'),
      host: null,
      path: anyText(request.uri, 'httpRequest.uri'),
      // WAF logs the query string without its `?`, as the field holds it.
      query: anyText(request.args, 'httpRequest.args'),
      httpVersion,
      userAgent: headers.userAgent,
      referrer: headers.referrer,
      requestId,
      attrs: null,
      // WAF names each request: the same request from any delivery (S3, CloudWatch, Firehose) is
      // one session, and identical requests with their own ids are as many sessions.
      eventId: requestId,
      line,
    };
    // The Host header as sent, port included: the name alone, as every importer stores a host, and
    // its port as the destination port (WAF logs none of its own). Newer logs also name the host.
    setHost(row, headers.host ?? anyText(request.host, 'httpRequest.host'));
    row.attrs = this.encodeAttrs(r, request, group).encode();
    return row;
  }

  /** The attributes, evidence first and headers last: the bound cuts from the end (bounded-attrs). */
  private encodeAttrs(r: JsonObject, request: JsonObject, group: GroupRule | null): BoundedAttrs {
    const attrs = this.attrs.reset();
    attrs.add('webaclId', r.webaclId);
    attrs.add('httpSourceName', r.httpSourceName);
    attrs.add('terminatingRuleType', r.terminatingRuleType);
    attrs.add('ruleGroup', group?.groupId);
    attrs.add('groupRule', group?.ruleId);
    attrs.add('terminating_match', matchText(r.terminatingRuleMatchDetails));
    attrs.add('non_terminating_rules', rulesText(r.nonTerminatingMatchingRules));
    attrs.add('group_rules', groupRulesText(r.ruleGroupList));
    attrs.add('labels', labelsText(r.labels));
    for (const key in r) if (!READ.has(key)) attrs.add(key, r[key]);
    for (const key in request) if (!READ_REQUEST.has(key)) attrs.add(`httpRequest.${key}`, request[key]);
    for (const [name, values] of this.headers.others) attrs.add(`header.${name}`, values.join(', '));
    return attrs;
  }
}

/**
 * A request's headers (names in any case): Host, User-Agent and Referer (of a repeated one, the
 * last), and the others by lower-cased name, a repeated one's values in order. One instance per
 * parser, reused from record to record.
 */
class RequestHeaders {
  host: string | null = null;
  userAgent: string | null = null;
  referrer: string | null = null;
  readonly others = new Map<string, string[]>();

  read(headers: unknown): this {
    this.host = null;
    this.userAgent = null;
    this.referrer = null;
    this.others.clear();
    if (!Array.isArray(headers)) return this;
    for (const header of headers) {
      const name = (header as JsonObject | null)?.name;
      if (typeof name !== 'string' || name === '') continue;
      const value = (header as JsonObject).value;
      const lower = name.toLowerCase();
      if (lower === 'host') this.host = anyText(value, 'Host header');
      else if (lower === 'user-agent') this.userAgent = anyText(value, 'User-Agent header');
      else if (lower === 'referer') this.referrer = anyText(value, 'Referer header');
      else if (value !== null && value !== undefined) {
        const values = this.others.get(lower);
        if (values === undefined) this.others.set(lower, [valueText(value)]);
        else values.push(valueText(value));
      }
    }
    return this;
  }
}

interface GroupRule {
  groupId: string | undefined;
  ruleId: string;
}

/** The first rule group entry that names a terminating rule, if any. */
function terminatingGroupRule(list: unknown): GroupRule | null {
  if (!Array.isArray(list)) return null;
  for (const entry of list) {
    const rule = objectOrNull(objectOrNull(entry)?.terminatingRule);
    const ruleId = rule === null ? null : anyText(rule.ruleId, 'ruleGroupList.terminatingRule.ruleId');
    if (ruleId !== null) {
      const groupId = anyText((entry as JsonObject).ruleGroupId, 'ruleGroupList.ruleGroupId');
      return { groupId: groupId ?? undefined, ruleId };
    }
  }
  return null;
}
