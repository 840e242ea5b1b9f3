// Benign traffic that is not a person with a browser: search-engine and link-preview crawlers,
// an uptime monitor, the shop's mobile apps and a partner's catalogue sync on the API, a feed
// reader, an administrator with curl and the basic-auth reports area, and the odd connection that
// never speaks HTTP (a TLS handshake sent to the plain port, an SSH banner, nothing at all).
import type { Rng } from '../rng.js';
import type { Episode } from './episode.js';
import {
  API_HOST,
  BLOG_POSTS,
  bodySize,
  CATEGORIES,
  HELP_TOPICS,
  productId,
  productPath,
  SMALL_BODY,
  serverTime,
} from './site.js';

/** A crawler's visit: robots.txt now and then, the sitemap, then pages a few seconds apart. */
export function crawl(e: Episode, rng: Rng, googlebot: boolean): void {
  if (rng.chance(0.3)) {
    e.add('GET', '/robots.txt', 200, bodySize('/robots.txt', rng), '', 1 + rng.int(3));
    e.wait(rng.between(300, 3000));
  }
  if (rng.chance(0.1)) {
    e.add('GET', '/sitemap.xml', 200, bodySize('/sitemap.xml', rng), '', 5 + rng.int(20));
    e.wait(rng.between(500, 4000));
  }
  const pages = 1 + Math.floor(rng.exponential(7));
  for (let i = 0; i < pages && !e.stopped; i++) {
    const r = rng.float();
    if (r < 0.04) {
      // An address from the old shop, long since redirected.
      e.add('GET', `/old-shop/item.php?id=${200 + rng.int(800)}`, 301, SMALL_BODY[301], '', 2 + rng.int(5));
    } else if (r < 0.08) {
      const gone = `/products/${rng.pick(CATEGORIES)}/${1600 + rng.int(400)}-discontinued`;
      e.add('GET', gone, 404, SMALL_BODY[404], '', serverTime(gone, rng));
    } else {
      const path = crawlTarget(rng);
      const notModified = googlebot && rng.chance(0.12);
      e.add(
        'GET',
        path,
        notModified ? 304 : 200,
        notModified ? 0 : bodySize(path, rng),
        '',
        serverTime(path, rng),
      );
    }
    e.wait(rng.logNormal(6000, 0.9));
  }
}

function crawlTarget(rng: Rng): string {
  const r = rng.float();
  if (r < 0.5) return productPath(productId(rng));
  if (r < 0.7) return `/products/${rng.pick(CATEGORIES)}${rng.chance(0.3) ? `?page=${2 + rng.int(9)}` : ''}`;
  if (r < 0.85) return `/blog/${rng.pick(BLOG_POSTS)}`;
  if (r < 0.95) return `/help/${rng.pick(HELP_TOPICS)}`;
  return '/';
}

/** The uptime monitor: one HEAD of the home page. */
export function monitor(e: Episode, rng: Rng): void {
  e.add('HEAD', '/', 200, 0, '', serverTime('/', rng));
}

/** A feed reader polling the blog feed. */
export function feed(e: Episode, rng: Rng): void {
  const fresh = rng.chance(0.2);
  e.add(
    'GET',
    '/blog/feed.xml',
    fresh ? 200 : 304,
    fresh ? bodySize('/feed.xml', rng) : 0,
    '',
    4 + rng.int(10),
  );
}

/** The shop's app: a handful of API calls on the API host, sometimes a login (a wrong password now and then). */
export function app(e: Episode, rng: Rng): void {
  const calls = 3 + rng.int(10);
  const host = { host: API_HOST };
  if (rng.chance(0.15)) {
    const ok = rng.chance(0.95);
    e.add('POST', '/api/v1/auth/login', ok ? 200 : 401, ok ? 690 : 52, '', rng.logNormal(170, 0.3), {
      ...host,
      bodyBytes: 70,
    });
    e.wait(rng.between(200, 800));
  }
  e.add('GET', '/api/v1/session', 200, 310, '', serverTime('/api/', rng), host);
  for (let i = 0; i < calls && !e.stopped; i++) {
    e.wait(rng.logNormal(2500, 1.0));
    const r = rng.float();
    const path =
      r < 0.45
        ? `/api/v1/products?category=${rng.pick(CATEGORIES)}&page=${1 + rng.int(5)}&per_page=24`
        : r < 0.8
          ? `/api/v1/products/${productId(rng)}`
          : r < 0.95
            ? '/api/v1/cart'
            : `/api/v1/stock?sku=${productId(rng)}-${rng.pick(['S', 'M', 'L', '42'])}`;
    e.add('GET', path, 200, bodySize(path, rng), '', serverTime(path, rng), host);
  }
}

/** A partner's catalogue sync: page after page of the product API, fast; a 429 when it goes too fast. */
export function partnerSync(e: Episode, rng: Rng, start: number): void {
  const since = new Date(start - 86_400_000).toISOString().slice(0, 19);
  const pages = 5 + rng.int(36);
  for (let page = 1; page <= pages && !e.stopped; page++) {
    const path = `/api/v1/products?updated_since=${encodeURIComponent(since)}Z&page=${page}&per_page=100`;
    const limited = rng.chance(0.03);
    e.add(
      'GET',
      path,
      limited ? 429 : 200,
      limited ? 64 : bodySize(path, rng) * 20,
      '',
      serverTime(path, rng),
      {
        host: API_HOST,
      },
    );
    e.wait(limited ? rng.between(5000, 15_000) : rng.between(120, 700));
  }
}

const STAFF = ['jsmith', 'akumar', 'mlopez', 'reporting-svc'];

/** Staff: the basic-auth reports area (its user logged), or a curl check of a deployed asset. */
export function staff(e: Episode, rng: Rng, admin: { curl: boolean }): void {
  if (admin.curl) {
    e.add('HEAD', '/static/js/app.c41d09.js', 200, 0, '', 1 + rng.int(3));
    return;
  }
  const user = rng.pick(STAFF);
  const day = `2024-04-${String(1 + rng.int(28)).padStart(2, '0')}`;
  const pages = 1 + rng.int(4);
  for (let i = 0; i < pages && !e.stopped; i++) {
    const path = rng.chance(0.5) ? `/reports/daily?date=${day}` : `/reports/orders.csv?from=${day}&to=${day}`;
    e.add('GET', path, 200, bodySize('/reports', rng), '', rng.logNormal(600, 0.6), { user });
    e.wait(rng.logNormal(20_000, 0.8));
  }
}

/** What a plain-HTTP port receives that is not HTTP: logged as the raw bytes of the "request line". */
export function notHttp(rng: Rng): { raw: string; status: number } {
  const r = rng.float();
  if (r < 0.55) {
    // A TLS ClientHello: record header 16 03 01, length, handshake type 01, then random bytes.
    let raw = `\x16\x03\x01${String.fromCharCode(rng.int(3), rng.int(256))}\x01\x00`;
    // The server reads a line up to a line break, so the bytes shown never contain one.
    for (let i = 4 + rng.int(30); i > 0; i--) {
      const byte = rng.int(256);
      raw += String.fromCharCode(byte === 10 || byte === 13 ? 0x2e : byte);
    }
    return { raw, status: 400 };
  }
  if (r < 0.75) return { raw: '', status: 408 };
  if (r < 0.9)
    return { raw: rng.pick(['SSH-2.0-Go', 'SSH-2.0-libssh_0.9.6', 'SSH-2.0-OpenSSH_8.9p1']), status: 400 };
  return { raw: '\x03\x00\x00/*\xe0\x00\x00\x00\x00\x00Cookie: mstshash=Administr', status: 400 };
}
