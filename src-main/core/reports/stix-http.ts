// A session's HTTP request as STIX 2.1's HTTP Request Extension of network-traffic
// (`http-request-ext`, STIX 2.1 §6.12.3.2): the request line's method and version in lower case as
// the spec asks, the target as logged (path and query, not decoded), and the headers the log kept.
import type { ExportRow } from '../db/session-export.js';

export interface HttpRequestExt {
  request_method: string;
  request_value: string;
  request_version?: string;
  request_header?: Record<string, string>;
}

/** The extension, or null for a session without a method and target (a flow, a TLS handshake). */
export function httpRequestExtension(
  s: Pick<ExportRow, 'method' | 'path' | 'query' | 'httpVersion' | 'host' | 'userAgent' | 'referrer'>,
): HttpRequestExt | null {
  if (s.method === null || s.path === null) return null;
  const headers: Record<string, string> = {
    ...(s.host !== null ? { Host: s.host } : {}),
    ...(s.userAgent !== null ? { 'User-Agent': s.userAgent } : {}),
    ...(s.referrer !== null ? { Referer: s.referrer } : {}),
  };
  return {
    request_method: s.method.toLowerCase(),
    request_value: s.query !== null ? `${s.path}?${s.query}` : s.path,
    ...(s.httpVersion !== null ? { request_version: s.httpVersion.toLowerCase() } : {}),
    ...(Object.keys(headers).length ? { request_header: headers } : {}),
  };
}
