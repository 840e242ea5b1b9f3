// Sigma's field names for web server, proxy and firewall logs (and Zeek's http/conn names, for
// rules with product zeek) → the session field that holds the same thing in Vigil. A rule may
// also name Vigil's own fields (`userAgent`, `path`, …). Names are matched in any case.

import { DERIVED_FIELDS, NUMBER_FIELDS, type RuleField, TEXT_FIELDS } from './fields.js';

// A Map, not an object: a rule's field named `constructor` must not find Object's.
const SIGMA_NAMES = new Map<string, RuleField>(
  Object.entries({
    // Web server (W3C / IIS style) and proxy categories.
    'cs-method': 'method',
    'cs-uri-stem': 'path',
    'c-uri-stem': 'path',
    'cs-uri-query': 'query',
    'c-uri-query': 'query',
    'c-uri': 'uri',
    'cs-uri': 'uri',
    'c-uri-extension': 'uriExtension',
    'c-useragent': 'userAgent',
    'cs-user-agent': 'userAgent',
    'cs-useragent': 'userAgent',
    'sc-status': 'responseCode',
    'cs-host': 'host',
    'r-dns': 'host',
    'cs-referrer': 'referrer',
    'cs-referer': 'referrer',
    'cs-version': 'httpVersion',
    'cs-bytes': 'bytesIn',
    'sc-bytes': 'bytesOut',
    'time-taken': 'requestTimeMs',
    'c-ip': 'srcIp',
    'c-port': 'srcPort',
    's-ip': 'dstIp',
    's-port': 'dstPort',
    clientip: 'srcIp',
    // Firewall category.
    src_ip: 'srcIp',
    src_port: 'srcPort',
    dst_ip: 'dstIp',
    dst_port: 'dstPort',
    // Zeek http.log / conn.log (product zeek).
    'id.orig_h': 'srcIp',
    'id.orig_p': 'srcPort',
    'id.resp_h': 'dstIp',
    'id.resp_p': 'dstPort',
    uri: 'uri',
    user_agent: 'userAgent',
    status_code: 'responseCode',
    version: 'httpVersion',
    request_body_len: 'bytesIn',
    response_body_len: 'bytesOut',
    orig_bytes: 'bytesIn',
    resp_bytes: 'bytesOut',
    proto: 'protocol',
    uid: 'requestId',
  } satisfies Record<string, RuleField>),
);

const VIGIL_NAMES = new Map<string, RuleField>(
  [...TEXT_FIELDS, ...NUMBER_FIELDS, ...DERIVED_FIELDS].map((name) => [name.toLowerCase(), name]),
);

/** Vigil's field for a field name written in a rule, or null when Vigil has no such field. */
export function vigilField(sigmaName: string): RuleField | null {
  const lower = sigmaName.toLowerCase();
  return SIGMA_NAMES.get(lower) ?? VIGIL_NAMES.get(lower) ?? null;
}

/** The Sigma names Vigil maps, for the README and messages. */
export function sigmaFieldNames(): readonly string[] {
  return [...SIGMA_NAMES.keys()];
}
