// A deterministic Combined Log Format file for the weblog bench, used when `vigil generate` cannot
// write one: browsing from a few thousand clients over a day, with the repeats a real server's log
// has (paths, user agents, referrers) and a sprinkling of attack requests for the rule pack.
import fs from 'node:fs';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:122.0) Gecko/20100101 Firefox/122.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'curl/8.5.0',
  'python-requests/2.31.0',
];
const ATTACKS = [
  [
    'GET',
    "/products?id=1' UNION SELECT username,password FROM users--",
    'sqlmap/1.8#stable (https://sqlmap.org)',
  ],
  ['GET', '/index.php?page=../../../../etc/passwd', 'Mozilla/5.0'],
  ['GET', '/search?q=<script>alert(document.cookie)</script>', 'Mozilla/5.0'],
  ['GET', '/.env', 'Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)'],
  ['POST', '/wp-login.php', 'python-requests/2.31.0'],
  ['GET', '/cgi-bin/status?cmd=;cat%20/etc/shadow', 'Nikto/2.5.0'],
];

/** Writes `rows` lines to `file` (seeded: the same rows give the same file). */
export function writeCombinedLog(file, rows) {
  let seed = 7;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const paths = Array.from(
    { length: 2000 },
    (_, i) => `/${['shop', 'blog', 'api/v1', 'static', 'docs'][i % 5]}/item-${i}`,
  );
  const out = fs.openSync(file, 'w');
  let buffer = '';
  const start = Date.UTC(2024, 1, 12, 0, 0, 0);
  for (let i = 0; i < rows; i++) {
    const t = new Date(start + Math.floor((i * 86_400_000) / rows));
    const pad = (n) => String(n).padStart(2, '0');
    const time = `${pad(t.getUTCDate())}/${MONTHS[t.getUTCMonth()]}/${t.getUTCFullYear()}:${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())} +0000`;
    const client = `${10 + Math.floor(random() * 200)}.${Math.floor(random() * 20)}.${Math.floor(random() * 4)}.${1 + Math.floor(random() * 250)}`;
    let method = 'GET';
    let target = pick(paths);
    let agent = pick(AGENTS);
    let status = random() < 0.9 ? 200 : pick([301, 304, 404, 500]);
    if (random() < 0.3) target += `?page=${Math.floor(random() * 50)}`;
    if (random() < 0.01) {
      [method, target, agent] = pick(ATTACKS);
      status = pick([200, 403, 404]);
    }
    const referrer = random() < 0.5 ? '-' : `https://www.example.com${pick(paths)}`;
    buffer += `${client} - - [${time}] "${method} ${target} HTTP/1.1" ${status} ${Math.floor(random() * 20000)} "${referrer}" "${agent}"\n`;
    if (buffer.length > 1 << 20) {
      fs.writeSync(out, buffer);
      buffer = '';
    }
  }
  fs.writeSync(out, buffer);
  fs.closeSync(out);
}
