// AWS WAF (v2) logs: one JSON object per line, as delivered to S3, CloudWatch Logs or Firehose.
import { AttrsEncoder } from '../attrs.js';
import type { FormatDefinition, SessionRow } from '../types.js';
import { RowError } from '../values.js';
import { JsonLinesParser, type JsonObject, objectOrNull } from './json-lines.js';
import { anyCount, anyIp, anyText, anyTimestamp, countryCode } from './json-values.js';
import { setHost } from './web-row.js';

// What WAF logs beyond the session's fields, kept as its extras (attrs), in this order. The request
// itself (URI, query, method, version, Host, User-Agent, Referer, request id) fills the session's
// request fields; sessions stored before those existed were moved over (migrations/016).
const ATTR_KEYS = ['webaclId', 'httpSourceName', 'terminatingRuleType', 'ruleGroup', 'groupRule'] as const;

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
  private readonly attrs = new AttrsEncoder(ATTR_KEYS);
  private readonly values: (string | undefined)[] = new Array(ATTR_KEYS.length);
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
    const values = this.values;
    values[0] = orUndefined(anyText(r.webaclId, 'webaclId'));
    values[1] = orUndefined(anyText(r.httpSourceName, 'httpSourceName'));
    values[2] = orUndefined(anyText(r.terminatingRuleType, 'terminatingRuleType'));
    values[3] = group === null ? undefined : group.groupId;
    values[4] = group === null ? undefined : group.ruleId;
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
      asn: null,
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
      attrs: this.attrs.encode(values),
      // WAF names each request: the same request from any delivery (S3, CloudWatch, Firehose) is
      // one session, and identical requests with their own ids are as many sessions.
      eventId: requestId,
      line,
    };
    // The Host header as sent, port included: the name alone, as every importer stores a host, and
    // its port as the destination port (WAF logs none of its own).
    setHost(row, headers.host);
    return row;
  }
}

/**
 * The Host, User-Agent and Referer headers of a request (names in any case; of a repeated header,
 * the last). One instance per parser, reused from record to record.
 */
class RequestHeaders {
  host: string | null = null;
  userAgent: string | null = null;
  referrer: string | null = null;

  read(headers: unknown): this {
    this.host = null;
    this.userAgent = null;
    this.referrer = null;
    if (!Array.isArray(headers)) return this;
    for (const header of headers) {
      const name = (header as JsonObject | null)?.name;
      // Only names of these lengths can be one of the three: most headers are passed over unread.
      if (typeof name !== 'string' || (name.length !== 4 && name.length !== 7 && name.length !== 10))
        continue;
      const value = (header as JsonObject).value;
      const lower = name.toLowerCase();
      if (lower === 'host') this.host = anyText(value, 'Host header');
      else if (lower === 'user-agent') this.userAgent = anyText(value, 'User-Agent header');
      else if (lower === 'referer') this.referrer = anyText(value, 'Referer header');
    }
    return this;
  }
}

/** The first rule group entry that names a terminating rule, if any. */
function terminatingGroupRule(list: unknown): { groupId: string | undefined; ruleId: string } | null {
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

function orUndefined(value: string | null): string | undefined {
  return value === null ? undefined : value;
}
