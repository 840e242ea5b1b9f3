// User-Agent strings: browsers (weighted by a typical retail site's audience, versions varied per
// client), crawlers and other well-behaved robots, benign tools and apps, and the tools attackers
// use. Attackers also send browser strings, and benign traffic also sends tool strings, so the
// user agent alone does not tell an attack.
import type { Rng } from '../rng.js';
import { mixKey } from '../writers/format-writer.js';

type Template = (v: number) => string;

const chromeWin: Template = (v) =>
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`;
const chromeMac: Template = (v) =>
  `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`;
const chromeLinux: Template = (v) =>
  `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`;
const chromeAndroid: Template = (v) =>
  `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Mobile Safari/537.36`;
const edge: Template = (v) =>
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36 Edg/${v}.0.0.0`;
const firefoxWin: Template = (v) =>
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${v - 1}.0) Gecko/20100101 Firefox/${v - 1}.0`;
const firefoxLinux: Template = (v) =>
  `Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:${v - 1}.0) Gecko/20100101 Firefox/${v - 1}.0`;
const safariMac: Template = (v) =>
  `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.${v % 5} Safari/605.1.15`;
const safariIphone: Template = (v) =>
  `Mozilla/5.0 (iPhone; CPU iPhone OS 17_${v % 5} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.${v % 5} Mobile/15E148 Safari/604.1`;
const safariIpad: Template = (v) =>
  `Mozilla/5.0 (iPad; CPU OS 17_${v % 5} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.${v % 5} Mobile/15E148 Safari/604.1`;
const samsung: Template = (v) =>
  `Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/${v - 8}.0.0.0 Mobile Safari/537.36`;
const facebookApp: Template = (v) =>
  `Mozilla/5.0 (iPhone; CPU iPhone OS 17_${v % 5} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/4${v}.0.0.38.108;FBBV/5${v}123;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.${v % 5};FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]`;

const BROWSERS: readonly (readonly [Template, number])[] = [
  [chromeWin, 30],
  [safariIphone, 18],
  [chromeAndroid, 13],
  [chromeMac, 8],
  [safariMac, 7],
  [edge, 7],
  [firefoxWin, 5],
  [safariIpad, 3],
  [samsung, 3],
  [chromeLinux, 2],
  [facebookApp, 2],
  [firefoxLinux, 1],
];
const BROWSER_TOTAL = BROWSERS.reduce((sum, [, w]) => sum + w, 0);

/**
 * A few real-world oddities: a proxy that appends a quoted token, a backslash, a device name in
 * UTF-8. Logs escape them; importers must read them back.
 */
const ODD_BROWSERS: readonly string[] = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 "CorpProxy/2.1"',
  'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko \\"compatible\\"',
  'Mozilla/5.0 (Linux; U; Android 12; zh-cn; 红米 Note 11 Build/SKQ1) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.127 Mobile Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "Version/16.6" Safari/605.1.15',
];

/** The browser of client `key`: stable per client, the Chromium major version between 119 and 125. */
export function browserFor(key: number): string {
  const odd = mixKey(key, 0x41);
  if (odd % 400 === 0) return ODD_BROWSERS[(odd >>> 9) % ODD_BROWSERS.length] ?? chromeWin(124);
  let target = (mixKey(key, 0x42) % 10_000) * (BROWSER_TOTAL / 10_000);
  const version = 119 + (mixKey(key, 0x43) % 7);
  for (const [template, weight] of BROWSERS) {
    target -= weight;
    if (target < 0) return template(version);
  }
  return chromeWin(version);
}

/** True for a phone or tablet user agent (smaller pages, fewer assets per view). */
export function isMobile(agent: string): boolean {
  return agent.includes('Mobile');
}

/** A browser string drawn at random (attackers who copy one from their own browser). */
export function randomBrowser(rng: Rng): string {
  return browserFor(rng.next());
}

export interface Crawler {
  agent: string;
  /** /24 networks its addresses come from (the operator's published ranges). */
  networks: readonly string[];
  /** Share of crawl episodes. */
  weight: number;
}

export const CRAWLERS: readonly Crawler[] = [
  {
    agent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    networks: ['66.249.66', '66.249.68', '66.249.79'],
    weight: 30,
  },
  {
    agent:
      'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.155 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    networks: ['66.249.66', '66.249.70'],
    weight: 25,
  },
  {
    agent: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    networks: ['40.77.167', '157.55.39', '207.46.13'],
    weight: 15,
  },
  {
    agent: 'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)',
    networks: ['5.255.231', '213.180.203'],
    weight: 5,
  },
  {
    agent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)',
    networks: ['17.241.75', '17.241.219'],
    weight: 5,
  },
  {
    agent: 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
    networks: ['54.36.148', '54.36.149'],
    weight: 8,
  },
  {
    agent: 'Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)',
    networks: ['185.191.171'],
    weight: 6,
  },
  {
    agent: 'DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)',
    networks: ['20.191.45'],
    weight: 2,
  },
  {
    agent: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    networks: ['173.252.83', '69.63.189'],
    weight: 3,
  },
  {
    agent: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
    networks: ['3.88.121'],
    weight: 1,
  },
];

/** Benign non-browser clients: the shop's own apps, a partner's integration, monitoring, an admin. */
export const APP_AGENTS = {
  android: 'okhttp/4.12.0',
  ios: 'ExampleShop/5.2.1 (iPhone; iOS 17.4.1; Scale/3.00)',
  partner: 'python-requests/2.31.0',
  monitor: 'Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)',
  feed: 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 27 subscribers; like FeedFetcher-Google)',
  admin: 'curl/8.5.0',
} as const;

/** Scripting clients anyone uses, attackers included. */
export const SCRIPT_AGENTS: readonly string[] = [
  'python-requests/2.31.0',
  'python-requests/2.28.2',
  'curl/7.88.1',
  'curl/8.4.0',
  'Go-http-client/1.1',
  'Go-http-client/2.0',
  'Wget/1.21.3',
  'libwww-perl/6.72',
  'axios/1.6.8',
  'Python-urllib/3.11',
];

/** Vulnerability scanners, fuzzers and mass-exploitation bots, as they announce themselves. */
export const SCANNER_AGENTS: readonly string[] = [
  'Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000117)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Nuclei - Open-source project (github.com/projectdiscovery/nuclei)',
  'Nuclei - Open-source project (github.com/projectdiscovery/nuclei)',
  'WPScan v3.8.25 (https://wpscan.com/wordpress-security-scanner)',
  'Mozilla/5.0 zgrab/0.x',
  'masscan/1.3 (https://github.com/robertdavidgraham/masscan)',
  'Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)',
  'gobuster/3.6',
  'Fuzz Faster U Fool v2.1.0-dev',
  'Wfuzz/3.1.0',
  'DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)',
  'l9explore/1.2.2',
  'Hello, world',
  'Mozilla/5.0 Jorgee',
  'ZmEu',
  'Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)',
  'Expanse, a Palo Alto Networks company, searches across the global IPv4 space multiple times per day to identify customers&#39; presences on the Internet. If you would like to be excluded from our scans, please send IP addresses/domains to: scaninfo@paloaltonetworks.com',
  'Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0 (Acunetix-Scanner)',
];

/** sqlmap announces itself unless told to borrow a browser string. */
export function sqlmapAgent(rng: Rng): string {
  return `sqlmap/1.${7 + rng.int(2)}.${1 + rng.int(12)}#stable (https://sqlmap.org)`;
}
