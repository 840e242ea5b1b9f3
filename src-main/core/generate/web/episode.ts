// One client's run of requests (a browsing visit, a crawl, an app session) as the benign model
// writes it: the client's fixed traits, the clock, and a cap on how many requests it may still
// produce (the slice's quota, and never past the end of the generated range).
import type { WebRequest } from './request.js';

export interface ClientTraits {
  sourceKey: number;
  ip: string;
  agent: string;
  /** Used for requests over TLS; plain-HTTP requests say HTTP/1.1. */
  version: string;
  host: string;
  /** Typical request header bytes (cookies make a browser's larger than a script's). */
  headerBytes: number;
}

export class Episode {
  produced = 0;
  stopped = false;
  /** Milliseconds, the time of the next request. */
  t: number;

  constructor(
    readonly client: ClientTraits,
    start: number,
    private readonly limit: number,
    private readonly end: number,
    readonly port: number,
    readonly connection: number,
    private readonly emit: (request: WebRequest) => void,
  ) {
    this.t = start;
  }

  /** Adds a request at the current time; false (and stopped) once the cap or the range end is hit. */
  add(
    method: string,
    target: string,
    status: number,
    bytes: number,
    referrer: string,
    timeMs: number,
    options: { tls?: boolean; bodyBytes?: number; user?: string; blocked?: boolean; host?: string } = {},
  ): boolean {
    if (this.stopped || this.produced >= this.limit || this.t >= this.end) {
      this.stopped = true;
      return false;
    }
    const tls = options.tls ?? true;
    const client = this.client;
    this.emit({
      start: Math.floor(this.t),
      kind: 0,
      sourceKey: client.sourceKey,
      ip: client.ip,
      port: this.port,
      connection: this.connection,
      tls,
      method,
      host: options.host ?? client.host,
      target,
      version: tls ? client.version : 'HTTP/1.1',
      raw: null,
      status,
      bytes: Math.round(bytes),
      requestBytes: client.headerBytes + target.length + (options.bodyBytes ?? 0),
      referrer,
      agent: client.agent,
      user: options.user ?? '',
      timeMs,
      blocked: options.blocked ?? false,
    });
    this.produced++;
    return true;
  }

  /** Moves the clock on by `ms`. */
  wait(ms: number): void {
    this.t += Math.max(1, ms);
  }
}
