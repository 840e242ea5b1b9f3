// One HTTP request as the web traffic model produces it, before any log format: the access-log
// writers (Combined, ALB) render it. Empty strings stand for absent values (logged as `-`).

export interface WebRequest {
  /** Epoch ms the request arrived. */
  start: number;
  /** Index into WEB_LABELS. */
  kind: number;
  /** Stable per client or attack source: lets writers keep per-source choices. */
  sourceKey: number;
  ip: string;
  /** The client's TCP source port. */
  port: number;
  /** Stable per client connection (keep-alive): ALB's conn_trace_id. */
  connection: number;
  /** Sent over TLS (https, h2) rather than to the plain-HTTP port. */
  tls: boolean;
  method: string;
  /** Host header (and TLS SNI); '' when the client sent none. */
  host: string;
  /** Request target as sent: `/path?query` (any encoding, even raw spaces) or an absolute URL. */
  target: string;
  /** HTTP/1.0, HTTP/1.1 or HTTP/2.0. */
  version: string;
  /**
   * The bytes of a request line that is not HTTP at all (a TLS handshake sent to the plain port,
   * an SSH banner), one character per byte; '' for an empty request; null for a real request.
   */
  raw: string | null;
  status: number;
  /** Response body bytes. */
  bytes: number;
  /** Request size with headers and body. */
  requestBytes: number;
  referrer: string;
  agent: string;
  /** Authenticated user name (HTTP basic auth); '' when none. */
  user: string;
  /** Server time to answer, ms. */
  timeMs: number;
  /** Stopped by the web application firewall before reaching the application. */
  blocked: boolean;
}
