// Injection campaigns: one source tries payloads of one kind against a few parameters of the site
// (sqlmap-style tools fast and announcing themselves, people slowly from a browser). A campaign
// starts with a clean request or two (the tool's baseline), prefers one encoding, and meets the
// WAF now and then. The server answers as the endpoint would: a page, an error, a 404 for a path
// the site does not have; time-based payloads make it answer seconds later.
import { type Injector, offsetsFromGaps, place } from '../campaign.js';
import { cumulative, type Rng } from '../rng.js';
import { sqlmapAgent } from './agents.js';
import { attackerFrom, attackRequest, attackSource, campaign, campaignAgent, timeAt } from './attacker.js';
import { DOUBLE, EVERY_BYTE, encodeAs, MIXED_CASE, PERCENT, PLUS, pickStyle, RAW } from './encode.js';
import { CMDI, SQLI, TRAVERSAL, XSS } from './labels.js';
import { cmdPayload, shellshock } from './payloads/cmdi.js';
import { sqlPayload } from './payloads/sqli.js';
import { traversalPayload } from './payloads/traversal.js';
import { xssPayload } from './payloads/xss.js';
import type { WebRequest } from './request.js';
import { bodySize, CATEGORIES, serverTime } from './site.js';

/** Where a payload goes: a query parameter (or the path itself when `param` is empty). */
interface Point {
  path: string;
  param: string;
  /** The value a normal request carries. */
  value: string;
  /** The site has this endpoint (else 404). */
  exists: boolean;
  /** The body is not logged: the payload is in the form, the log shows only the POST. */
  post?: boolean;
}

const SQL_POINTS: readonly Point[] = [
  { path: `/products/${CATEGORIES[0]}`, param: 'sort', value: 'price-asc', exists: true },
  { path: '/search', param: 'q', value: 'boots', exists: true },
  { path: '/api/v1/products', param: 'category', value: 'jackets', exists: true },
  { path: '/api/v1/products/', param: '', value: '1042', exists: true },
  { path: '/api/v1/recommendations', param: 'product', value: '1188', exists: true },
  { path: '/help/article', param: 'page', value: 'returns', exists: true },
  { path: '/account/orders', param: 'id', value: '100734', exists: true },
  { path: '/product.php', param: 'id', value: '12', exists: false },
  { path: '/login', param: 'username', value: 'admin', exists: true, post: true },
];

const XSS_POINTS: readonly Point[] = [
  { path: '/search', param: 'q', value: 'jacket', exists: true },
  { path: '/login', param: 'next', value: '/account', exists: true },
  { path: `/products/${CATEGORIES[1]}`, param: 'color', value: 'navy', exists: true },
  { path: '/api/v1/search/suggest', param: 'q', value: 'bo', exists: true },
  { path: '/help/article', param: 'page', value: 'sizing', exists: true },
  { path: '/contact', param: 'subject', value: 'order', exists: true },
  { path: '/', param: '', value: '', exists: false },
];

const TRAVERSAL_POINTS: readonly Point[] = [
  { path: '/download', param: 'file', value: 'size-guide.pdf', exists: true },
  { path: '/help/article', param: 'page', value: 'shipping', exists: true },
  { path: '/api/v1/files', param: 'path', value: 'catalog.pdf', exists: false },
  { path: '/index.php', param: 'page', value: 'home', exists: false },
  { path: '/static/', param: '', value: 'css/main.3f9a1c.css', exists: true },
  { path: '/images/products/', param: '', value: '1042-1.jpg', exists: true },
];

const CMD_POINTS: readonly Point[] = [
  { path: '/api/v1/stock', param: 'sku', value: '1042-M', exists: true },
  { path: '/export', param: 'format', value: 'csv', exists: true },
  { path: '/api/v1/tools/ping', param: 'host', value: '127.0.0.1', exists: false },
  { path: '/cgi-bin/status.cgi', param: 'ip', value: '10.0.0.1', exists: false },
  { path: '/download', param: 'file', value: 'returns-form.pdf', exists: true },
];

const STYLE_SUMS = cumulative([0.05, 0.25, 0.35, 0.1, 0.05, 0.2]);
const STYLE_IDS = [RAW, PLUS, PERCENT, DOUBLE, EVERY_BYTE, MIXED_CASE];

function target(point: Point, wire: string): string {
  if (point.param === '') return `${point.path}${wire}`;
  return `${point.path}?${point.param}=${wire}`;
}

interface Attempt {
  /** The payload in wire form (already encoded). */
  wire: string;
  sleeps: number;
  /** The payload would make the endpoint fail (a SQL syntax error, a missing file). */
  fails: boolean;
  /** What the endpoint answers when it fails. */
  failStatus: number;
  /** The payload makes the endpoint return something it should not (a file's contents). */
  leaks: boolean;
}

interface Flavour {
  kind: number;
  points: readonly Point[];
  /** Shares of campaigns showing sqlmap's own user agent and a browser's; the rest a script's. */
  agents: { tool: number; browser: number };
  attempt(point: Point, style: number, rng: Rng): Attempt;
}

function encoded(text: string, style: number, rng: Rng): string {
  return encodeAs(text, style, rng);
}

const FLAVOURS: Record<'sqli' | 'xss' | 'traversal' | 'cmdi', Flavour> = {
  sqli: {
    kind: SQLI,
    points: SQL_POINTS,
    agents: { tool: 0.35, browser: 0.5 },
    attempt(point, style, rng) {
      const { text, sleeps } = sqlPayload(point.value, rng);
      const failStatus = rng.chance(0.75) ? 500 : 400;
      return { wire: encoded(text, style, rng), sleeps, fails: rng.chance(0.2), failStatus, leaks: false };
    },
  },
  xss: {
    kind: XSS,
    points: XSS_POINTS,
    agents: { tool: 0, browser: 0.75 },
    attempt(point, style, rng) {
      const text = `${point.value}${xssPayload(rng)}`;
      return {
        wire: encoded(text, style, rng),
        sleeps: 0,
        fails: rng.chance(0.05),
        failStatus: 400,
        leaks: false,
      };
    },
  },
  traversal: {
    kind: TRAVERSAL,
    points: TRAVERSAL_POINTS,
    agents: { tool: 0, browser: 0.55 },
    attempt(point, _style, rng) {
      // The payload is written in its wire form: its encoding is the technique.
      const inPath = point.param === '';
      const { text, unix } = traversalPayload(rng, inPath);
      const wire = inPath ? text.replace(/^\//, '') : text;
      // Mostly "no such file"; a web server in front refuses a path that climbs out of its root.
      const failStatus = inPath ? (rng.chance(0.6) ? 400 : 404) : rng.pick([404, 404, 400, 500]);
      return {
        wire,
        sleeps: 0,
        fails: rng.chance(inPath ? 0.95 : 0.75),
        failStatus,
        leaks: unix && rng.chance(0.1),
      };
    },
  },
  cmdi: {
    kind: CMDI,
    points: CMD_POINTS,
    agents: { tool: 0, browser: 0.4 },
    attempt(point, style, rng) {
      const { text, sleeps } = cmdPayload(point.value, rng);
      const failStatus = rng.chance(0.6) ? 500 : 400;
      return {
        wire: encodeAs(text, style, rng, false),
        sleeps,
        fails: rng.chance(0.25),
        failStatus,
        leaks: false,
      };
    },
  },
};

function injector(name: keyof typeof FLAVOURS, share: number): Injector<WebRequest> {
  const flavour = FLAVOURS[name];
  return {
    kind: flavour.kind,
    share,
    typical: [20, 600],
    maxRows: (period) => Math.max(1, Math.min(4000, Math.floor(period / 2000))),
    create(size, rng, ctx) {
      const agent = campaignAgent(rng, () => sqlmapAgent(rng), flavour.agents);
      const person = !agent.startsWith('sqlmap') && rng.chance(0.4);
      const attacker = attackerFrom(
        attackSource(ctx, 0.05),
        agent,
        rng,
        rng.chance(0.5) ? 'HTTP/2.0' : 'HTTP/1.1',
      );
      const points = Array.from({ length: 1 + rng.int(3) }, () => rng.pick(flavour.points));
      const preferred = STYLE_IDS[rng.weighted(STYLE_SUMS)] ?? PERCENT;
      // People type and read between tries; tools fire as fast as the server answers.
      const gapMean = person ? rng.between(4000, 40_000) : rng.between(150, 2500);
      const span = Math.min(gapMean, (0.5 * (ctx.end - ctx.start)) / size);
      const times = place(
        offsetsFromGaps(size, () => rng.exponential(span) + (person ? 1000 : 30)),
        rng,
        ctx.start,
        ctx.end,
      );
      const baseline = person ? 0 : 1 + rng.int(2);
      const wafRate = rng.between(0.05, 0.3);
      const shellshockRate = name === 'cmdi' && rng.chance(0.3) ? 0.5 : 0;
      return campaign(flavour.kind, times, (i) => {
        const point = points[i % points.length] ?? flavour.points[0];
        if (!point) throw new Error('no injection point');
        const start = timeAt(times, i);
        if (i < baseline) {
          const clean =
            point.param === ''
              ? `${point.path}${point.value}`
              : `${point.path}?${point.param}=${point.value}`;
          return attackRequest(flavour.kind, attacker, start, i, page(clean, point.exists, rng), rng);
        }
        if (shellshockRate > 0 && rng.chance(shellshockRate)) {
          const path = rng.pick(['/cgi-bin/test.cgi', '/cgi-bin/status', '/']);
          return attackRequest(
            flavour.kind,
            attacker,
            start,
            i,
            { ...page(path, path === '/', rng), agent: shellshock(rng) },
            rng,
          );
        }
        const style = pickStyle(preferred, rng);
        const attempt = flavour.attempt(point, style, rng);
        const wire = point.post ? point.path : target(point, attempt.wire);
        return attackRequest(
          flavour.kind,
          attacker,
          start,
          i,
          answer(point, wire, attempt, style, wafRate, rng),
          rng,
        );
      });
    },
  };
}

/** A normal page request (the baseline, or the path a header attack rides on). */
function page(path: string, exists: boolean, rng: Rng) {
  return exists
    ? { target: path, status: 200, bytes: bodySize(path, rng), timeMs: serverTime(path, rng) }
    : { target: path, status: 404, timeMs: serverTime(path, rng) };
}

/** How the site answers an attempt: blocked by the WAF, refused as malformed, or served. */
function answer(point: Point, wire: string, attempt: Attempt, style: number, wafRate: number, rng: Rng) {
  const method = point.post ? 'POST' : 'GET';
  const bodyBytes = point.post ? 40 + attempt.wire.length : 0;
  // Encoded payloads get past the WAF more often: that is why attackers encode them.
  const blockChance =
    style === DOUBLE || style === EVERY_BYTE || style === MIXED_CASE ? wafRate / 3 : wafRate;
  const base = { method, target: wire, bodyBytes };
  if (rng.chance(blockChance)) return { ...base, status: 403, blocked: true, timeMs: 0.5 };
  if (wire.includes(' ')) return { ...base, status: 400, timeMs: 0.3 };
  const timeMs = serverTime(point.path, rng) + attempt.sleeps * 1000;
  if (!point.exists) return { ...base, status: 404, timeMs };
  if (point.post) return { ...base, status: attempt.fails ? 500 : 401, timeMs };
  if (attempt.leaks) return { ...base, status: 200, bytes: 1500 + rng.int(2500), timeMs };
  if (attempt.fails) return { ...base, status: attempt.failStatus, timeMs };
  return { ...base, status: 200, bytes: bodySize(point.path, rng), timeMs };
}

export const INJECTION_INJECTORS: readonly Injector<WebRequest>[] = [
  injector('sqli', 0.15),
  injector('xss', 0.1),
  injector('traversal', 0.1),
  injector('cmdi', 0.07),
];
