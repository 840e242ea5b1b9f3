// What every web attack campaign shares: its source (an address no benign client uses, now and
// then a compromised client's, IPv6 where the source's country has it), the user agent it shows,
// and how one of its requests is put together.
import type { Campaign, InjectorContext, Source } from '../campaign.js';
import type { Rng } from '../rng.js';
import { randomBrowser, SCRIPT_AGENTS } from './agents.js';
import { ipv6For } from './ipv6.js';
import type { WebRequest } from './request.js';
import { PUBLIC_HOSTS, SMALL_BODY, WWW } from './site.js';

export interface Attacker {
  sourceKey: number;
  ip: string;
  agent: string;
  /** HTTP version over TLS. */
  version: string;
  headerBytes: number;
}

// Connection numbers of attack requests sit above any benign one.
const CONNECTION_BASE = 2 ** 40;

export function attackerFrom(source: Source, agent: string, rng: Rng, version = 'HTTP/1.1'): Attacker {
  const v6 = rng.chance(0.08) ? ipv6For(source.country, source.key) : null;
  return { sourceKey: source.key, ip: v6 ?? source.ip, agent, version, headerBytes: 120 + rng.int(500) };
}

/** A fresh source, or with probability `compromised` a benign client's address. */
export function attackSource(ctx: InjectorContext, compromised: number): Source {
  return compromised > 0 ? ctx.sources.freshOrClient(compromised) : ctx.sources.fresh();
}

/**
 * The user agent a campaign shows: its tool's own (`tool`), a browser's copied string, or a
 * scripting library's, by the given shares.
 */
export function campaignAgent(
  rng: Rng,
  tool: () => string,
  shares: { tool: number; browser: number },
): string {
  const r = rng.float();
  if (r < shares.tool) return tool();
  if (r < shares.tool + shares.browser) return randomBrowser(rng);
  return rng.pick(SCRIPT_AGENTS);
}

export interface RequestParts {
  method?: string;
  target: string;
  status: number;
  bytes?: number;
  timeMs: number;
  tls?: boolean;
  host?: string;
  agent?: string;
  referrer?: string;
  bodyBytes?: number;
  blocked?: boolean;
}

/** Builds request `i` of a campaign. */
export function attackRequest(
  kind: number,
  attacker: Attacker,
  start: number,
  i: number,
  parts: RequestParts,
  rng: Rng,
): WebRequest {
  const tls = parts.tls ?? true;
  const agent = parts.agent ?? attacker.agent;
  // Tools reuse a connection for a while, then open another.
  const connection = CONNECTION_BASE + attacker.sourceKey * 4096 + Math.floor(i / 40);
  return {
    start,
    kind,
    sourceKey: attacker.sourceKey,
    ip: attacker.ip,
    port: 1024 + ((connection * 7919) % 64_000),
    connection,
    tls,
    method: parts.method ?? 'GET',
    host: parts.host ?? WWW,
    target: parts.target,
    version: tls ? attacker.version : 'HTTP/1.1',
    raw: null,
    status: parts.status,
    bytes: Math.round(parts.bytes ?? smallBody(parts.status, rng)),
    requestBytes: attacker.headerBytes + agent.length + parts.target.length + (parts.bodyBytes ?? 0),
    referrer: parts.referrer ?? '',
    agent,
    user: '',
    timeMs: parts.timeMs,
    blocked: parts.blocked ?? false,
  };
}

/** Body bytes of a response that is not a page: nginx's error pages, the site's 404 page. */
export function smallBody(status: number, rng: Rng): number {
  switch (status) {
    case 301:
      return SMALL_BODY[301];
    case 302:
    case 304:
      return 0;
    case 400:
      return SMALL_BODY[400];
    case 401:
      return SMALL_BODY[401] + rng.int(40);
    case 403:
      return SMALL_BODY[403];
    case 404:
      return SMALL_BODY[404] + rng.int(60);
    default:
      return SMALL_BODY[500];
  }
}

/** A Host header for a client that found the server by address rather than by name. */
export function addressHost(rng: Rng): string {
  return rng.pick(PUBLIC_HOSTS);
}

export function campaign(
  kind: number,
  times: Float64Array,
  request: (i: number) => WebRequest,
): Campaign<WebRequest> {
  return { kind, times, cursor: 0, session: request };
}

/** Time of request `i`: campaigns plan their times up front. */
export function timeAt(times: Float64Array, i: number): number {
  return times[i] ?? 0;
}
