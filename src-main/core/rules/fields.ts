// The session fields rules can test: Vigil's names (SessionRow, see notes on the HTTP request in
// the README), plus two derived from them the way Sigma's web taxonomy sees a request.

/** Text fields of a session. */
export const TEXT_FIELDS = [
  'method',
  'host',
  'path',
  'query',
  'httpVersion',
  'userAgent',
  'referrer',
  'tlsProtocol',
  'tlsCipher',
  'requestId',
  'requestLine',
  'srcIp',
  'dstIp',
  'protocol',
  'country',
  'ruleName',
  'detectionType',
  'action',
] as const;

/** Number fields of a session. */
export const NUMBER_FIELDS = [
  'srcPort',
  'dstPort',
  'responseCode',
  'bytesIn',
  'bytesOut',
  'requestTimeMs',
  'asn',
  'packets',
] as const;

/**
 * Derived from path and query: `uri` is the request target as Sigma's `c-uri` means it
 * (`path?query`, or the path alone without a query); `uriExtension` is the path's file extension
 * without the dot (`c-uri-extension`), '' when it has none.
 */
export const DERIVED_FIELDS = ['uri', 'uriExtension'] as const;

export type TextField = (typeof TEXT_FIELDS)[number];
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type DerivedField = (typeof DERIVED_FIELDS)[number];
export type RuleField = TextField | NumberField | DerivedField;

/**
 * What a Sigma `keywords` list searches, as substrings in any case: the text fields of the event a
 * log line was (its request line's parts, headers and addresses). Each field is searched on its
 * own, as search backends do with a free-text keyword, so a keyword spanning two fields (`POST
 * /login`) is found only in a raw request line Vigil kept (one that did not parse).
 */
export const KEYWORD_FIELDS = [
  'method',
  'uri',
  'httpVersion',
  'userAgent',
  'referrer',
  'host',
  'requestLine',
  'srcIp',
  'dstIp',
] as const;

const NUMBER_SET = new Set<string>(NUMBER_FIELDS);
const ALL = new Set<string>([...TEXT_FIELDS, ...NUMBER_FIELDS, ...DERIVED_FIELDS]);

export function isNumberField(field: string): field is NumberField {
  return NUMBER_SET.has(field);
}

export function isRuleField(name: string): name is RuleField {
  return ALL.has(name);
}

/** One session as the rules see it: any of the fields above; missing, null or undefined is "absent". */
export type RequestRecord = { readonly [F in TextField]?: string | null } & {
  readonly [F in NumberField]?: number | null;
};

/** `uri` of a request: `path?query`, the path when there is no query, null without a path. */
export function uriOf(path: string | null | undefined, query: string | null | undefined): string | null {
  if (path === null || path === undefined) return query === null || query === undefined ? null : `?${query}`;
  return query === null || query === undefined ? path : `${path}?${query}`;
}

/** `uriExtension` of a path: what follows the last dot of its last segment ('' when none), null without a path. */
export function extensionOf(path: string | null | undefined): string | null {
  if (path === null || path === undefined) return null;
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash ? path.slice(dot + 1) : '';
}

/**
 * The fields that make a session an HTTP request for a rule's logsource (logsource.ts): a method, a
 * path or a user agent, as the features' hasRequest decides it. An access-log line that is no
 * request (a TLS handshake) keeps its raw text only, and counts as a connection.
 */
export const REQUEST_MARK_FIELDS: readonly TextField[] = ['method', 'path', 'userAgent'];
