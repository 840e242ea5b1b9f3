// The web site the generated traffic visits: an online shop with categories, products, a blog,
// help pages, an account area and a JSON API, the assets its pages load, and the sizes of each.
// Paths are as a browser sends them (already percent-encoded).
import type { Rng } from '../rng.js';

export const WWW = 'www.example.com';
export const API_HOST = 'api.example.com';
/** The load balancer's public addresses and DNS name: what scanners put in Host. */
export const PUBLIC_HOSTS = [
  '198.51.100.80',
  '198.51.100.81',
  'prod-web-alb-1736481052.us-east-1.elb.amazonaws.com',
] as const;
export const ORIGIN = `https://${WWW}`;

export const CATEGORIES = ['shoes', 'jackets', 'bags', 'accessories', 'outdoor', 'kids', 'sale', 'new-in'];
const ADJECTIVES = ['trail', 'classic', 'urban', 'alpine', 'coastal', 'merino', 'canvas', 'leather', 'storm'];
const NOUNS = ['runner', 'parka', 'backpack', 'beanie', 'boot', 'tote', 'fleece', 'sneaker', 'shell'];
/** Product ids 1000..1599. */
export const PRODUCT_COUNT = 600;

export function productId(rng: Rng): number {
  // A few best sellers get most views: a Zipf-like pick by squaring a uniform draw.
  const u = rng.float();
  return 1000 + Math.floor(u * u * PRODUCT_COUNT);
}

export function productPath(id: number): string {
  const category = CATEGORIES[id % CATEGORIES.length] ?? 'shoes';
  const slug = `${ADJECTIVES[id % ADJECTIVES.length]}-${NOUNS[(id >> 3) % NOUNS.length]}`;
  return `/products/${category}/${id}-${slug}`;
}

export const BLOG_POSTS = [
  '2023/how-to-select-hiking-boots',
  '2023/union-square-store-opening',
  '2023/drop-shoulder-jackets-are-back',
  '2024/packing-list-for-a-week-in-iceland',
  '2024/caring-for-leather',
  '2024/script-lettering-workshop-recap',
  '2024/cat-friendly-travel-gear',
  '2024/spring-collection-lookbook',
  '2024/exec-travel-essentials',
  '2024/waterproof-ratings-explained',
];

export const HELP_TOPICS = ['shipping', 'returns', 'sizing', 'payment', 'gift-cards', 'warranty'];
export const INFO_PAGES = ['/about', '/contact', '/stores', '/careers', '/privacy', '/terms'];
export const DOWNLOADS = [
  'size-guide.pdf',
  'returns-form.pdf',
  'warranty-terms.pdf',
  'care-instructions.pdf',
];

/**
 * What shoppers type into search, as the browser sends it. Some look like attack text and are not:
 * apostrophes (Chrome leaves `'` unencoded), quotes, `<3`, `&`, SQL words in product names.
 */
export const SEARCH_QUERIES = [
  'rain+jacket',
  'hiking+boots',
  'backpack+40l',
  'merino+socks',
  'kids+wellies',
  'gift+card',
  "o'neill+hoodie",
  'o%27neill+hoodie',
  'rock+%26+roll+tee',
  '%22north+face%22',
  'select+size+chart',
  'union+jack+tshirt',
  'drop+earrings',
  'script+font+mug',
  '%3C3+valentine+gift',
  'caf%C3%A9+racer+jacket',
  '50%25+off',
  'size+10+1%2F2',
  'tent+2-person',
  'waterproof+--+breathable',
  'exec+briefcase',
  'cat+ears+beanie',
];

/** Query strings that campaigns and ad clicks add to landing pages. */
export function trackingQuery(rng: Rng): string {
  switch (rng.int(4)) {
    case 0:
      return `utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale_2024&utm_content=hero_${rng.int(5)}`;
    case 1:
      return `gclid=${token(rng, 40 + rng.int(50))}`;
    case 2:
      return `fbclid=IwAR${token(rng, 55 + rng.int(20))}`;
    default:
      return `utm_source=instagram&utm_medium=social&utm_campaign=${rng.pick(CATEGORIES)}`;
  }
}

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A URL-safe random token (click ids, verification tokens). */
export function token(rng: Rng, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += TOKEN_CHARS[rng.int(TOKEN_CHARS.length)];
  return text;
}

/** Assets every page loads once per visit (the browser caches them afterwards). */
export const CORE_ASSETS = [
  '/static/css/main.3f9a1c.css',
  '/static/js/vendor.8b2e47.js',
  '/static/js/app.c41d09.js',
  '/static/fonts/inter-var.woff2',
  '/images/logo.svg',
  '/favicon.ico',
  '/site.webmanifest',
] as const;

/** Median body bytes and log-space spread, by what the path serves. */
export function bodySize(path: string, rng: Rng): number {
  const [median, sigma] = sizeClass(path);
  return Math.max(40, Math.round(rng.logNormal(median, sigma)));
}

function sizeClass(path: string): readonly [number, number] {
  if (path.startsWith('/static/js/vendor')) return [348_000, 0.02];
  if (path.startsWith('/static/js/')) return [122_000, 0.05];
  if (path.endsWith('.css')) return [46_500, 0.02];
  if (path.endsWith('.woff2')) return [48_200, 0.01];
  if (path.endsWith('.jpg') || path.endsWith('.webp')) return [62_000, 0.6];
  if (path.endsWith('.svg')) return [3_100, 0.05];
  if (path.endsWith('.ico')) return [15_086, 0];
  if (path.endsWith('.pdf')) return [210_000, 0.5];
  if (path.endsWith('.webmanifest')) return [612, 0];
  if (path.endsWith('.xml')) return [38_000, 0.3];
  if (path.endsWith('.txt')) return [420, 0.1];
  if (path.startsWith('/api/')) return [3_800, 0.9];
  return [31_000, 0.35]; // HTML pages
}

/** Small bodies that error and redirect responses carry (nginx's own pages). */
export const SMALL_BODY = { 301: 162, 302: 0, 304: 0, 400: 150, 401: 5_400, 403: 146, 404: 4_820, 500: 174 };

/** Server time to answer, ms, by what the path serves. */
export function serverTime(path: string, rng: Rng): number {
  if (path.startsWith('/static/') || path.startsWith('/images/') || path.endsWith('.ico'))
    return rng.logNormal(1.5, 0.6);
  if (path.startsWith('/api/')) return rng.logNormal(28, 0.7);
  if (path.startsWith('/search')) return rng.logNormal(95, 0.6);
  return rng.logNormal(45, 0.6);
}
