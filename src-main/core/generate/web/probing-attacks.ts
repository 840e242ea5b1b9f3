// Campaigns that look for things rather than inject: scanners (fast, most announcing themselves,
// many paths, mostly 404), web-shell hunters (names shells are known by, where uploads land, and
// now and then a shell that answers and is then used), and slow enumeration (one path every few
// minutes for hours, from a browser string, to stay under rate limits and out of sight).
import { type Injector, offsetsFromGaps, place } from '../campaign.js';
import type { Rng } from '../rng.js';
import { SCANNER_AGENTS } from './agents.js';
import {
  type Attacker,
  addressHost,
  attackerFrom,
  attackRequest,
  attackSource,
  campaign,
  campaignAgent,
  type RequestParts,
  timeAt,
} from './attacker.js';
import { ENUMERATION, SCANNER, WEBSHELL } from './labels.js';
import {
  bruteForcePath,
  CONSOLES,
  EXPLOITS,
  idorPath,
  SENSITIVE,
  shellPath,
  shellQuery,
} from './payloads/probes.js';
import type { WebRequest } from './request.js';
import { bodySize, productId, productPath, SMALL_BODY, serverTime } from './site.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** How the site answers a probe of `path` that reached it over TLS. */
function probeAnswer(path: string, rng: Rng): Pick<RequestParts, 'status' | 'bytes' | 'timeMs'> {
  const timeMs = serverTime(path, rng);
  if (path === '/' || path === '/robots.txt' || path === '/.well-known/security.txt')
    return { status: 200, bytes: bodySize(path, rng), timeMs };
  if (path.startsWith('/admin')) return { status: 302, bytes: 0, timeMs }; // to the sign-in page
  if (path.startsWith('/oauth2/')) return { status: 401, timeMs };
  // nginx refuses dot-files and the server-status page outright.
  if (/^\/\.(?!well-known)|^\/server-(status|info)/.test(path)) return { status: 403, timeMs: 0.4 };
  if (path.includes('%2e') || path.includes('\\')) return { status: 400, timeMs: 0.3 };
  return { status: 404, timeMs };
}

/** The plain-HTTP port redirects everything to HTTPS, whatever the path. */
const REDIRECT = { status: 301, bytes: SMALL_BODY[301], timeMs: 0.2 };

const scanner: Injector<WebRequest> = {
  kind: SCANNER,
  share: 0.25,
  typical: [100, 2000],
  maxRows: () => 5000,
  create(size, rng, ctx) {
    const agent = rng.chance(0.85)
      ? rng.pick(SCANNER_AGENTS)
      : campaignAgent(rng, () => '', { tool: 0, browser: 0.7 });
    const attacker = attackerFrom(attackSource(ctx, 0), agent, rng);
    // Internet-wide scanners knock on the address; a targeted one uses the name, over TLS.
    const byAddress = rng.chance(0.45);
    const host = byAddress ? addressHost(rng) : 'www.example.com';
    const gapMean = Math.min(rng.between(50, 1500), (0.3 * (ctx.end - ctx.start)) / size);
    const times = place(
      offsetsFromGaps(size, () => rng.exponential(gapMean)),
      rng,
      ctx.start,
      ctx.end,
    );
    return campaign(SCANNER, times, (i) => {
      const r = rng.float();
      const path =
        r < 0.3
          ? rng.pick(SENSITIVE)
          : r < 0.5
            ? rng.pick(CONSOLES)
            : r < 0.7
              ? rng.pick(EXPLOITS)
              : r < 0.97
                ? bruteForcePath(rng)
                : '/';
      const tls = !byAddress || rng.chance(0.5);
      const method =
        path.startsWith('/ws/') || path.startsWith('/_ignition') ? 'POST' : rng.chance(0.06) ? 'HEAD' : 'GET';
      const answer = tls ? probeAnswer(path, rng) : REDIRECT;
      const proxyCheck = rng.chance(0.004);
      const parts: RequestParts = proxyCheck
        ? { target: 'http://example.net/', status: 404, timeMs: 0.5, tls: false, host: 'example.net' }
        : { ...answer, method, target: path, tls, host, bodyBytes: method === 'POST' ? 120 : 0 };
      if (method === 'HEAD') parts.bytes = 0;
      return attackRequest(SCANNER, attacker, timeAt(times, i), i, parts, rng);
    });
  },
};

const webshell: Injector<WebRequest> = {
  kind: WEBSHELL,
  share: 0.08,
  typical: [30, 500],
  maxRows: () => 3000,
  create(size, rng, ctx) {
    const agent = campaignAgent(rng, () => rng.pick(SCANNER_AGENTS), { tool: 0.15, browser: 0.45 });
    const attacker = attackerFrom(attackSource(ctx, 0.05), agent, rng);
    const gapMean = Math.min(rng.between(200, 5000), (0.3 * (ctx.end - ctx.start)) / size);
    const times = place(
      offsetsFromGaps(size, () => rng.exponential(gapMean)),
      rng,
      ctx.start,
      ctx.end,
    );
    // One campaign in five finds a shell that answers, and the rest of its requests use it.
    const found = rng.chance(0.2) ? Math.floor(size * rng.between(0.3, 0.8)) : size;
    const planted = '/wp-content/uploads/2024/04/cache-img.php';
    return campaign(WEBSHELL, times, (i) => {
      const start = timeAt(times, i);
      if (i >= found) return attackRequest(WEBSHELL, attacker, start, i, shellUse(planted, rng), rng);
      const path = shellPath(rng);
      const target = rng.chance(0.3) ? `${path}?${shellQuery(rng)}` : path;
      const post = rng.chance(0.15);
      return attackRequest(
        WEBSHELL,
        attacker,
        start,
        i,
        {
          method: post ? 'POST' : 'GET',
          target,
          status: 404,
          timeMs: serverTime(path, rng),
          bodyBytes: post ? 30 : 0,
        },
        rng,
      );
    });
  },
};

/** A found shell at work: commands in POST bodies (not logged) or in the query, all answered. */
function shellUse(path: string, rng: Rng): RequestParts {
  const post = rng.chance(0.7);
  return {
    method: post ? 'POST' : 'GET',
    target: post ? path : `${path}?${shellQuery(rng)}`,
    status: 200,
    bytes: 200 + rng.int(6000),
    timeMs: rng.logNormal(90, 0.8),
    bodyBytes: post ? 40 + rng.int(200) : 0,
  };
}

const enumeration: Injector<WebRequest> = {
  kind: ENUMERATION,
  share: 0.08,
  typical: [30, 400],
  maxRows: (period) => Math.max(1, Math.floor((0.8 * period) / (2 * MINUTE))),
  create(size, rng, ctx) {
    const agent = campaignAgent(rng, () => '', { tool: 0, browser: 0.7 });
    const attacker: Attacker = attackerFrom(attackSource(ctx, 0.1), agent, rng, 'HTTP/2.0');
    // Minutes between requests, spread over hours: under any per-minute rate limit.
    const gapMean = Math.min(rng.between(1, 10) * MINUTE, (0.8 * (ctx.end - ctx.start)) / size);
    const times = place(
      offsetsFromGaps(size, () => rng.exponential(gapMean) + 5 * SECOND),
      rng,
      ctx.start,
      ctx.end,
    );
    let record = 1 + rng.int(500);
    return campaign(ENUMERATION, times, (i) => {
      const start = timeAt(times, i);
      const r = rng.float();
      let parts: RequestParts;
      if (r < 0.12) {
        // Ordinary pages in between, to look like a visitor.
        const path = rng.chance(0.5) ? '/' : productPath(productId(rng));
        parts = { target: path, status: 200, bytes: bodySize(path, rng), timeMs: serverTime(path, rng) };
      } else if (r < 0.4) {
        const path = idorPath(rng, record++);
        parts = { target: path, status: rng.chance(0.7) ? 401 : 403, timeMs: serverTime(path, rng) };
      } else {
        const path = rng.chance(0.5)
          ? rng.pick(SENSITIVE)
          : rng.chance(0.5)
            ? rng.pick(CONSOLES)
            : bruteForcePath(rng);
        parts = { target: path, ...probeAnswer(path, rng) };
      }
      return attackRequest(ENUMERATION, attacker, start, i, parts, rng);
    });
  },
};

export const PROBING_INJECTORS: readonly Injector<WebRequest>[] = [scanner, webshell, enumeration];
