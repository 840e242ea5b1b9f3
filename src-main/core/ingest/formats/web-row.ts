// The session row of one web request or connection, as every access-log importer starts it: all
// fields in one order (so V8 gives every row one shape), unknown until the importer sets them.
import type { SessionRow } from '../types.js';
import { hostOf, portOf, type RequestParts } from './http-request.js';

export function newWebRow(startTs: number, srcIp: string, line: number): SessionRow {
  return {
    startTs,
    endTs: startTs,
    srcIp,
    dstIp: null,
    srcPort: null,
    dstPort: null,
    protocol: null,
    bytesIn: null,
    bytesOut: null,
    packets: null,
    responseCode: null,
    country: null,
    asn: null,
    ruleName: null,
    detectionType: null,
    action: null,
    label: null,
    method: null,
    host: null,
    path: null,
    query: null,
    httpVersion: null,
    userAgent: null,
    referrer: null,
    requestTimeMs: null,
    tlsProtocol: null,
    tlsCipher: null,
    requestId: null,
    requestLine: null,
    attrs: null,
    line,
  };
}

/** Copies the parts of a split request line into the row (a host already set is kept). */
export function setRequest(row: SessionRow, request: RequestParts): void {
  row.method = request.method;
  if (row.host === null) row.host = request.host;
  row.path = request.path;
  row.query = request.query;
  row.httpVersion = request.httpVersion;
  row.requestLine = request.requestLine;
}

/** Ends the session `requestTimeMs` after it starts (notes/http-fields.md). */
export function setRequestTime(row: SessionRow, ms: number | null): void {
  row.requestTimeMs = ms;
  row.endTs = ms === null ? row.startTs : row.startTs + Math.round(ms);
}

/**
 * Sets the host from a Host header or a log's host field as logged (`shop.example:8080`,
 * `[2001:db8::1]:8443`): the name alone, as every importer stores it, so one `host:` filter finds a
 * host whatever the source. Its port becomes the destination port when the row has none; a port
 * that differs from the row's own is returned, for the importer to keep as an attribute.
 */
export function setHost(row: SessionRow, authority: string | null): number | null {
  if (authority === null) return null;
  row.host = hostOf(authority);
  const port = portOf(authority);
  if (port === null || port === row.dstPort) return null;
  if (row.dstPort !== null) return port;
  row.dstPort = port;
  return null;
}
