// A shopper's visit: a landing page (from a search engine, a campaign link or typed in), then link
// after link with a pause to read each page. Each page view fetches the document, on the first
// view the core assets (revalidated with 304 or skipped when the browser has them cached), the
// page's images with the page as referrer, and the calls its scripts make to the JSON API.
// Logging in, adding to the cart and checking out are POSTs answered with a redirect.
import type { Rng } from '../rng.js';
import type { Episode } from './episode.js';
import {
  BLOG_POSTS,
  bodySize,
  CATEGORIES,
  CORE_ASSETS,
  DOWNLOADS,
  HELP_TOPICS,
  INFO_PAGES,
  ORIGIN,
  productId,
  productPath,
  SEARCH_QUERIES,
  SMALL_BODY,
  serverTime,
  trackingQuery,
} from './site.js';

type PageKind =
  | 'home'
  | 'category'
  | 'product'
  | 'search'
  | 'blog'
  | 'post'
  | 'help'
  | 'info'
  | 'cart'
  | 'checkout'
  | 'login'
  | 'account';

interface Page {
  kind: PageKind;
  /** Path and query as requested. */
  target: string;
  /** Product id on product pages, else 0. */
  product: number;
}

const EXTERNAL_REFERRERS = [
  'https://www.google.com/',
  'https://www.google.com/',
  'https://www.google.co.uk/',
  'https://www.bing.com/',
  'https://duckduckgo.com/',
  'https://www.instagram.com/',
  'https://t.co/',
  'https://l.facebook.com/',
  'https://www.reddit.com/',
];

export interface VisitTraits {
  returning: boolean;
  mobile: boolean;
  /** An iPhone or iPad, which asks for apple-touch-icon files. */
  apple: boolean;
}

export function browse(e: Episode, rng: Rng, traits: VisitTraits): void {
  let page = landing(rng);
  let referrer = rng.chance(0.45) ? '' : rng.pick(EXTERNAL_REFERRERS);
  // Typed without https: the plain-HTTP port answers with a redirect first.
  if (referrer === '' && rng.chance(0.08)) {
    e.add('GET', page.target, 301, SMALL_BODY[301], '', rng.logNormal(0.4, 0.4), { tls: false });
    e.wait(rng.between(60, 400));
  }
  let loggedIn = false;
  for (let views = 0; !e.stopped; views++) {
    view(e, rng, page, referrer, views === 0, traits, loggedIn);
    if (views >= 40 || !rng.chance(continueChance(page.kind))) return;
    e.wait(Math.min(600_000, rng.logNormal(14_000, 1.0)));
    referrer = ORIGIN + page.target;
    const next = follow(page, rng);
    // The POST that leads from one page to the next.
    if (page.kind === 'login' && next.kind === 'account') loggedIn = logIn(e, rng, referrer);
    if (page.kind === 'product' && next.kind === 'cart') {
      e.add('POST', '/api/v1/cart/items', 201, 180, referrer, serverTime('/api/', rng), { bodyBytes: 64 });
      e.wait(rng.between(200, 900));
    }
    if (page.kind === 'checkout') {
      e.add('POST', '/checkout', 302, 0, referrer, rng.logNormal(420, 0.4), { bodyBytes: 900 });
      e.wait(rng.between(150, 500));
      const order = `/checkout/confirmation?order=${100_000 + rng.int(900_000)}`;
      view(
        e,
        rng,
        { kind: 'info', target: order, product: 0 },
        ORIGIN + page.target,
        false,
        traits,
        loggedIn,
      );
      return;
    }
    page = next;
  }
}

function continueChance(kind: PageKind): number {
  return kind === 'product' || kind === 'category' || kind === 'search' ? 0.78 : 0.62;
}

/** POST /login: mostly right the first time, now and then a typo (401) and a second try. */
function logIn(e: Episode, rng: Rng, referrer: string): boolean {
  if (rng.chance(0.08)) {
    e.add('POST', '/login', 401, SMALL_BODY[401], referrer, rng.logNormal(160, 0.3), { bodyBytes: 58 });
    e.wait(rng.logNormal(6000, 0.6));
  }
  e.add('POST', '/login', 302, 0, referrer, rng.logNormal(160, 0.3), { bodyBytes: 58 });
  e.wait(rng.between(100, 400));
  return true;
}

function view(
  e: Episode,
  rng: Rng,
  page: Page,
  referrer: string,
  first: boolean,
  traits: VisitTraits,
  loggedIn: boolean,
): void {
  const path = page.target;
  const roll = rng.float();
  // Stale links (removed products), rare server errors, and now and then a false alarm of the WAF.
  const missing = page.kind === 'product' && roll < 0.012;
  const status = missing ? 404 : roll > 0.9975 ? 500 : roll > 0.9965 ? 503 : 200;
  const blocked = status === 200 && rng.chance(page.kind === 'search' ? 0.004 : 0.0002);
  const finalStatus = blocked ? 403 : status;
  const bytes =
    finalStatus === 200 ? bodySize(path, rng) : finalStatus === 503 ? 1_210 : smallBody(finalStatus);
  if (!e.add('GET', path, finalStatus, bytes, referrer, serverTime(path, rng), { blocked })) return;
  if (finalStatus !== 200 && finalStatus !== 404) return;
  const here = ORIGIN + path;
  e.wait(rng.between(40, 250));
  if (first) {
    for (const asset of CORE_ASSETS) {
      const cached = traits.returning ? rng.float() : 1;
      if (cached < 0.5) continue;
      const status304 = cached < 0.9;
      const from = asset.endsWith('.woff2') ? `${ORIGIN}${CORE_ASSETS[0]}` : here;
      e.add('GET', asset, status304 ? 304 : 200, status304 ? 0 : bodySize(asset, rng), from, 1 + rng.int(4));
      e.wait(rng.between(5, 60));
    }
    e.add(
      'GET',
      '/api/v1/session',
      loggedIn ? 200 : 401,
      loggedIn ? 310 : 45,
      here,
      serverTime('/api/', rng),
    );
    e.wait(rng.between(20, 120));
    // Safari on iOS asks for icons the site never had.
    if (traits.apple && !traits.returning) {
      for (const icon of ['/apple-touch-icon-precomposed.png', '/apple-touch-icon.png']) {
        e.add('GET', icon, 404, SMALL_BODY[404] + rng.int(60), '', 1 + rng.int(3));
        e.wait(rng.between(5, 40));
      }
    }
  }
  for (const image of images(page, rng, traits.mobile)) {
    // Now and then a product photo that was never uploaded.
    if (rng.chance(0.004)) {
      e.add('GET', image, 404, SMALL_BODY[404] + rng.int(60), here, 1 + rng.int(6));
      continue;
    }
    const revalidated = traits.returning && rng.chance(0.2);
    e.add(
      'GET',
      image,
      revalidated ? 304 : 200,
      revalidated ? 0 : bodySize(image, rng),
      here,
      1 + rng.int(6),
    );
    e.wait(rng.between(8, 90));
  }
  for (const call of apiCalls(page, rng)) {
    e.add('GET', call, 200, bodySize(call, rng), here, serverTime(call, rng));
    e.wait(rng.between(30, 300));
  }
  if (page.kind === 'help' && rng.chance(0.1)) {
    e.wait(rng.logNormal(9000, 0.7));
    const file = `/download?file=${rng.pick(DOWNLOADS)}`;
    e.add('GET', file, 200, bodySize('.pdf', rng), here, serverTime(file, rng));
  }
  if (page.kind === 'account' && rng.chance(0.06)) {
    e.wait(rng.logNormal(7000, 0.7));
    e.add(
      'GET',
      '/export?format=csv&range=90d',
      200,
      rng.logNormal(9_000, 0.8),
      here,
      rng.logNormal(300, 0.5),
    );
  }
}

function smallBody(status: number): number {
  return status === 404 ? SMALL_BODY[404] : status === 403 ? SMALL_BODY[403] : SMALL_BODY[500];
}

function landing(rng: Rng): Page {
  const r = rng.float();
  const tracked = (page: Page): Page =>
    rng.chance(0.12) ? { ...page, target: `${page.target}?${trackingQuery(rng)}` } : page;
  if (r < 0.35) return tracked(home());
  if (r < 0.65) return tracked(product(rng));
  if (r < 0.75) return tracked(category(rng));
  if (r < 0.85) return post(rng);
  if (r < 0.9) return search(rng);
  if (r < 0.95) return { kind: 'login', target: '/login', product: 0 };
  return help(rng);
}

function follow(page: Page, rng: Rng): Page {
  const r = rng.float();
  switch (page.kind) {
    case 'home':
      return r < 0.45
        ? category(rng)
        : r < 0.65
          ? product(rng)
          : r < 0.8
            ? search(rng)
            : r < 0.85
              ? blog()
              : r < 0.9
                ? login()
                : r < 0.95
                  ? info(rng)
                  : help(rng);
    case 'category':
      return r < 0.6
        ? product(rng)
        : r < 0.75
          ? category(rng, page)
          : r < 0.85
            ? search(rng)
            : r < 0.9
              ? home()
              : cart();
    case 'product':
      return r < 0.35
        ? product(rng)
        : r < 0.55
          ? category(rng)
          : r < 0.75
            ? cart()
            : r < 0.85
              ? search(rng)
              : r < 0.95
                ? help(rng)
                : home();
    case 'search':
      return r < 0.6 ? product(rng) : r < 0.85 ? search(rng, page) : category(rng);
    case 'blog':
      return r < 0.8 ? post(rng) : home();
    case 'post':
      return r < 0.3 ? post(rng) : r < 0.6 ? product(rng) : r < 0.8 ? home() : blog();
    case 'help':
      return r < 0.3 ? help(rng) : r < 0.5 ? info(rng) : r < 0.8 ? home() : product(rng);
    case 'cart':
      return r < 0.45
        ? { kind: 'checkout', target: '/checkout', product: 0 }
        : r < 0.75
          ? product(rng)
          : r < 0.85
            ? home()
            : category(rng);
    case 'login':
      return { kind: 'account', target: '/account', product: 0 };
    case 'account':
      return r < 0.5
        ? { kind: 'account', target: '/account/orders', product: 0 }
        : r < 0.8
          ? home()
          : product(rng);
    default:
      return r < 0.5 ? home() : help(rng);
  }
}

const home = (): Page => ({ kind: 'home', target: '/', product: 0 });
const blog = (): Page => ({ kind: 'blog', target: '/blog', product: 0 });
const login = (): Page => ({ kind: 'login', target: '/login', product: 0 });
const cart = (): Page => ({ kind: 'cart', target: '/cart', product: 0 });

function product(rng: Rng): Page {
  const id = productId(rng);
  return { kind: 'product', target: productPath(id), product: id };
}

function category(rng: Rng, from?: Page): Page {
  const name = rng.pick(CATEGORIES);
  const r = rng.float();
  if (from && r < 0.5) return { ...from, target: `${from.target.split('?')[0]}?page=${2 + rng.int(6)}` };
  const query =
    r < 0.7
      ? ''
      : r < 0.85
        ? `?sort=${rng.pick(['price-asc', 'price-desc', 'newest', 'rating'])}`
        : `?color=${rng.pick(['black', 'navy', 'red', 'olive'])}&size=${rng.pick(['s', 'm', 'l', 'xl', '42', '43'])}`;
  return { kind: 'category', target: `/products/${name}${query}`, product: 0 };
}

function search(rng: Rng, from?: Page): Page {
  if (from && rng.chance(0.4))
    return { ...from, target: `${from.target.split('&page=')[0]}&page=${2 + rng.int(4)}` };
  return { kind: 'search', target: `/search?q=${rng.pick(SEARCH_QUERIES)}`, product: 0 };
}

function post(rng: Rng): Page {
  return { kind: 'post', target: `/blog/${rng.pick(BLOG_POSTS)}`, product: 0 };
}

function help(rng: Rng): Page {
  const topic = rng.pick(HELP_TOPICS);
  return {
    kind: 'help',
    target: rng.chance(0.8) ? `/help/${topic}` : `/help/article?page=${topic}`,
    product: 0,
  };
}

function info(rng: Rng): Page {
  return { kind: 'info', target: rng.pick(INFO_PAGES), product: 0 };
}

function images(page: Page, rng: Rng, mobile: boolean): string[] {
  const list: string[] = [];
  switch (page.kind) {
    case 'home':
      for (let i = 1; i <= 3; i++) list.push(`/images/banners/spring-${i}.webp`);
      for (let i = mobile ? 4 : 8; i > 0; i--) list.push(`/images/products/${productId(rng)}-1.jpg`);
      break;
    case 'category':
    case 'search':
      for (let i = mobile ? 6 : 12 + rng.int(12); i > 0; i--)
        list.push(`/images/products/${productId(rng)}-1.jpg`);
      break;
    case 'product':
      for (let i = 1; i <= (mobile ? 2 : 4); i++) list.push(`/images/products/${page.product}-${i}.jpg`);
      break;
    case 'post':
      for (let i = 1; i <= 3; i++) list.push(`/images/blog/${page.target.slice(11)}-${i}.jpg`);
      break;
    default:
      break;
  }
  return list;
}

function apiCalls(page: Page, rng: Rng): string[] {
  switch (page.kind) {
    case 'product':
      return [
        `/api/v1/recommendations?product=${page.product}&limit=8`,
        `/api/v1/stock?sku=${page.product}-${rng.pick(['38', '40', '42', 'S', 'M', 'L'])}`,
      ];
    case 'category': {
      const name = page.target.split('/')[2]?.split('?')[0] ?? 'shoes';
      return [`/api/v1/products?category=${name}&page=1&per_page=24`];
    }
    case 'search': {
      // Suggestions as the shopper typed: prefixes of the decoded text, encoded again.
      const typed = decodeURIComponent((page.target.slice(10).split('&')[0] ?? '').replaceAll('+', ' '));
      return [3, 4, 5].map((n) => `/api/v1/search/suggest?q=${encodeURIComponent(typed.slice(0, n))}`);
    }
    case 'cart':
    case 'checkout':
      return ['/api/v1/cart'];
    case 'account':
      return ['/api/v1/orders?limit=10'];
    default:
      return [];
  }
}
