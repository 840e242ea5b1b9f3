// The Sigma loader and engine on a corpus of small rules written for this test from the Sigma
// specification: every value form, modifier and condition form Vigil supports (README, "Supported
// Sigma"), the Sigma field names it maps, collections, and the rules it must refuse. Each rule is
// run on requests it must match and requests it must not, through the compiled engine
// (compile.ts + evaluate.ts) and through the plain reference evaluator (reference.ts): both must
// give the expected answer for every request, so a case that fails names the engine that is wrong.
// The shipped pack's rules have their own test (pack.test.ts); this one is about the language.

import { describe, expect, it } from 'vitest';
import {
  type CompiledRuleSet,
  compileRules,
  evaluateRecords,
  type LoadResult,
  loadRuleText,
  type RequestRecord,
} from '../../../src-main/core/rules/index.js';
import { referenceEvaluate } from '../../../src-main/core/rules/reference.js';
import { NO_REQUEST } from '../../helpers/no-request.js';

// ---------------------------------------------------------------------------------------------
// Requests

/** An ordinary request: every case changes only what it is about. No referrer, no request line. */
const BASE: RequestRecord = {
  method: 'GET',
  host: 'shop.example',
  path: '/',
  query: null,
  httpVersion: 'HTTP/2.0',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0',
  srcIp: '192.0.2.10',
  dstIp: '198.51.100.5',
  srcPort: 51000,
  dstPort: 443,
  responseCode: 200,
  bytesIn: 320,
  bytesOut: 5120,
};

/** BASE for `target` (`/path` or `/path?query`, split at the first `?`), with `more` on top. */
const req = (target: string, more: RequestRecord = {}): RequestRecord => {
  const at = target.indexOf('?');
  const path = at < 0 ? target : target.slice(0, at);
  const query = at < 0 ? null : target.slice(at + 1);
  return { ...BASE, path, query, ...more };
};

/** A connection with no HTTP request (a firewall or Zeek conn record). */
const conn = (more: RequestRecord = {}): RequestRecord => ({
  ...BASE,
  ...NO_REQUEST,
  responseCode: null,
  ...more,
});

/** A request whose query holds `words` (the condition cases test words alpha, bravo, charlie). */
const words = (...list: string[]): RequestRecord => req('/c', { query: list.length ? list.join('&') : null });

/** A short name for a request in a test title: method and target, then what differs from BASE. */
function describeRequest(record: RequestRecord): string {
  const target = record.query == null ? record.path : `${record.path}?${record.query}`;
  const differs = Object.entries(record)
    .filter(
      ([key, value]) =>
        !['method', 'path', 'query'].includes(key) && value !== BASE[key as keyof RequestRecord],
    )
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return [`${record.method} ${JSON.stringify(target)}`, ...differs].join(' ');
}

// ---------------------------------------------------------------------------------------------
// Rules

let serial = 0;
const nextId = () => `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;

/** Text written indented in this file, with the common indentation and the first newline removed. */
function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  const indent = Math.min(
    ...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)?.[0].length ?? 0),
  );
  return lines.map((line) => line.slice(indent)).join('\n');
}

/** One rule document: title, a fresh UUID, a level, the logsource and the detection given. */
function ruleYaml(title: string, detection: string, logsource = 'category: webserver'): string {
  return [
    `title: ${JSON.stringify(title)}`,
    `id: ${nextId()}`,
    'level: medium',
    `logsource: { ${logsource} }`,
    'detection:',
    ...dedent(detection)
      .split('\n')
      .map((line) => `  ${line}`),
  ].join('\n');
}

/** A piece of the corpus: YAML text, and for each request the titles of the rules it must hit. */
interface Case {
  name: string;
  yaml: string;
  checks: { record: RequestRecord; titles: string[] }[];
}

/** A case of one rule (titled `name`) that must match `hits` and must not match `misses`. */
function rule(
  name: string,
  detection: string,
  hits: RequestRecord[],
  misses: RequestRecord[],
  logsource?: string,
): Case {
  return {
    name,
    yaml: ruleYaml(name, detection, logsource),
    checks: [
      ...hits.map((record) => ({ record, titles: [name] })),
      ...misses.map((record) => ({ record, titles: [] })),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The corpus

const VALUES: Case[] = [
  rule(
    'plain values are equal in any case, and whole',
    `
      sel:
        cs-method: post
        cs-uri-stem: /Login
      condition: sel`,
    [req('/login', { method: 'POST' }), req('/LOGIN', { method: 'Post' })],
    [req('/login'), req('/login/x', { method: 'POST' }), req('/xlogin', { method: 'POST' })],
  ),
  rule(
    'plain values are equal in any case beyond ASCII',
    `
      sel:
        c-useragent: 'Überwacher/1.0'
      condition: sel`,
    [req('/', { userAgent: 'überwacher/1.0' }), req('/', { userAgent: 'ÜBERWACHER/1.0' })],
    [req('/', { userAgent: 'Uberwacher/1.0' })],
  ),
  rule(
    '* matches any run (even none) and ? exactly one character',
    `
      sel:
        cs-uri-stem: '/a*/b?.php'
      condition: sel`,
    [req('/a/b1.php'), req('/admin/panel/bX.php')],
    [req('/a/b12.php'), req('/a/b.php'), req('/x/a/b1.php')],
  ),
  rule(
    'escaped \\* and \\? are the characters themselves',
    String.raw`
      sel:
        c-useragent: 'scan\*er\?'
      condition: sel`,
    [req('/', { userAgent: 'scan*er?' }), req('/', { userAgent: 'SCAN*ER?' })],
    [
      req('/', { userAgent: 'scanner?' }),
      req('/', { userAgent: 'scan*erX' }),
      req('/', { userAgent: 'scanXer?' }),
    ],
  ),
  rule(
    'escaped \\\\ is one backslash, also before a wildcard',
    String.raw`
      sel:
        cs-uri-query: 'f=C:\\Windows\\*'
      condition: sel`,
    // In these JavaScript strings \\ is one backslash: f=C:\Windows\system32 and f=c:\windows\ match.
    [req('/x?f=C:\\Windows\\system32'), req('/x?f=c:\\windows\\')],
    [req('/x?f=C:\\\\Windows\\\\system32'), req('/x?f=C:/Windows/system32'), req('/x?f=C:\\Windows')],
  ),
  rule(
    'a backslash before any other character stays a backslash',
    String.raw`
      sel:
        c-useragent: 'tool\d'
      condition: sel`,
    [req('/', { userAgent: 'tool\\d' })],
    [req('/', { userAgent: 'toold' }), req('/', { userAgent: 'tool1' })],
  ),
  rule(
    'a list of values matches any one of them',
    `
      sel:
        cs-uri-stem:
          - /wp-login.php
          - /xmlrpc.php
      condition: sel`,
    [req('/wp-login.php'), req('/xmlrpc.php')],
    [req('/index.php')],
  ),
  rule(
    '|all on a list of values needs every one of them',
    `
      sel:
        c-useragent|all:
          - '*python*'
          - '*requests*'
      condition: sel`,
    [req('/', { userAgent: 'python-requests/2.31.0' })],
    [req('/', { userAgent: 'python-urllib/3.11' }), req('/', { userAgent: 'requests' })],
  ),
  rule(
    'a list of maps matches any map, each map all its fields',
    `
      sel:
        - cs-method: POST
          cs-uri-stem: /login
        - cs-uri-stem: /admin
      condition: sel`,
    [req('/login', { method: 'POST' }), req('/admin')],
    [req('/login'), req('/other', { method: 'POST' })],
  ),
];

const TEXT_MODIFIERS: Case[] = [
  rule(
    'contains',
    `
      sel:
        c-useragent|contains: sqlmap
      condition: sel`,
    [req('/', { userAgent: 'sqlmap/1.8#stable' }), req('/', { userAgent: 'Mozilla/5.0 SQLMap' })],
    [req('/', { userAgent: 'sql map' })],
  ),
  rule(
    'startswith',
    `
      sel:
        cs-uri-stem|startswith: /admin
      condition: sel`,
    [req('/admin'), req('/Admin/users')],
    [req('/x/admin')],
  ),
  rule(
    'endswith',
    `
      sel:
        cs-uri-stem|endswith: .php
      condition: sel`,
    [req('/index.PHP'), req('/a/b.php')],
    [req('/a.php/b'), req('/a.phps')],
  ),
  rule(
    'contains|all needs every value somewhere in the field',
    `
      sel:
        cs-uri-query|contains|all:
          - user=
          - pass=
      condition: sel`,
    [req('/login?user=a&pass=b'), req('/login?PASS=b&USER=a')],
    [req('/login?user=a'), req('/login?username=a&pass=b')],
  ),
  rule(
    'cased keeps an equality in its case',
    `
      sel:
        c-useragent|cased: EvilBot/1.0
      condition: sel`,
    [req('/', { userAgent: 'EvilBot/1.0' })],
    [req('/', { userAgent: 'evilbot/1.0' }), req('/', { userAgent: 'EVILBOT/1.0' })],
  ),
  rule(
    'contains|cased keeps a substring in its case',
    `
      sel:
        cs-uri-query|contains|cased: Token=
      condition: sel`,
    [req('/x?a=1&Token=abc')],
    [req('/x?a=1&token=abc'), req('/x?TOKEN=abc')],
  ),
];

const REGEXES: Case[] = [
  rule(
    're is case-sensitive and searched anywhere in the value',
    `
      sel:
        cs-uri-stem|re: '/Admin[0-9]+'
      condition: sel`,
    [req('/Admin12'), req('/x/Admin1/y')],
    [req('/admin12'), req('/Admin')],
  ),
  rule(
    're|i ignores case',
    `
      sel:
        cs-uri-stem|re|i: '/Admin[0-9]+'
      condition: sel`,
    [req('/admin12'), req('/ADMIN7')],
    [req('/admin')],
  ),
  rule(
    're with a leading (?i) ignores case',
    `
      sel:
        cs-uri-stem|re: '(?i)^/admin[0-9]+$'
      condition: sel`,
    [req('/ADMIN3'), req('/admin3')],
    [req('/x/admin3'), req('/admin3x')],
  ),
  rule(
    're without m: ^ and $ are the ends of the whole value',
    `
      sel:
        cs-uri-query|re: '^token=[a-z]+$'
      condition: sel`,
    [req('/x?token=abc')],
    [req('/x?a=1\ntoken=abc')],
  ),
  rule(
    're|m: ^ and $ are the ends of each line',
    `
      sel:
        cs-uri-query|re|m: '^token=[a-z]+$'
      condition: sel`,
    [req('/x?a=1\ntoken=abc'), req('/x?token=abc')],
    [req('/x?a=1&token=abc')],
  ),
  rule(
    're without s: . does not match a newline',
    `
      sel:
        c-useragent|re: 'begin.end'
      condition: sel`,
    [req('/', { userAgent: 'beginXend' })],
    [req('/', { userAgent: 'begin\nend' })],
  ),
  rule(
    're|s: . matches a newline too',
    `
      sel:
        c-useragent|re|s: 'begin.end'
      condition: sel`,
    [req('/', { userAgent: 'begin\nend' }), req('/', { userAgent: 'beginXend' })],
    [req('/', { userAgent: 'beginend' })],
  ),
  rule(
    're with a named group and its back-reference \\k<c>',
    String.raw`
      sel:
        cs-uri-stem|re: '^/(?<c>[a-z])\k<c>$'
      condition: sel`,
    [req('/zz'), req('/aa')],
    [req('/zy'), req('/zzz')],
  ),
  rule(
    're with the PCRE anchor \\A (start of the value)',
    String.raw`
      sel:
        cs-uri-stem|re: '\A/kw'
      condition: sel`,
    [req('/kw2'), req('/kw')],
    [req('/x/kw'), req('/A/kw')],
  ),
  rule(
    're with the PCRE anchor \\z (very end of the value)',
    String.raw`
      sel:
        cs-uri-stem|re: '/kw\z'
      condition: sel`,
    [req('/kw'), req('/x/kw')],
    [req('/kw/x'), req('/kw\n'), req('/kwz')],
  ),
  rule(
    're with the PCRE anchor \\Z (end, or before a final newline)',
    String.raw`
      sel:
        cs-uri-stem|re: '/kw\Z'
      condition: sel`,
    [req('/kw'), req('/kw\n')],
    [req('/kw/x'), req('/kwZ')],
  ),
  rule(
    're: $ is the PCRE end, or before a final newline (a `\\.php$` rule sees `1.php%0a`)',
    String.raw`
      sel:
        cs-uri-stem|re: '\.php$'
      condition: sel`,
    [req('/1.php'), req('/up/1.php\n')],
    [req('/1.php\n\n'), req('/1.php\nx'), req('/1.phps'), req('/a$b[$]')],
  ),
  rule(
    're|m: $ is the end of any line, and [$] and \\$ stay a dollar sign',
    String.raw`
      sel_line:
        c-useragent|re|m: 'end$'
      sel_dollar:
        c-useragent|re: '[$]x\$'
      condition: 1 of sel_*`,
    [req('/', { userAgent: 'the end\nmore' }), req('/', { userAgent: 'a $x$' })],
    [req('/', { userAgent: 'endless\nmore' }), req('/', { userAgent: 'a $x' })],
  ),
  rule(
    're with a Python-style named group (?P<x>…)',
    `
      sel:
        cs-uri-stem|re: '^(?P<x>/kw)$'
      condition: sel`,
    [req('/kw')],
    [req('/kw2')],
  ),
  rule(
    're with POSIX classes inside brackets: [[:digit:]], [[:alpha:]_]',
    `
      sel_digits:
        cs-uri-stem|re: '^/[[:digit:]]+$'
      sel_word:
        c-useragent|re: '^[[:alpha:]_]+$'
      condition: 1 of sel_*`,
    [req('/123'), req('/', { userAgent: 'ab_c' })],
    [req('/12a'), req('/', { userAgent: 'a1' }), req('/', { userAgent: 'd]' })],
  ),
  rule(
    're with a negated POSIX class [[:^digit:]]',
    `
      sel:
        cs-uri-stem|re: '^/[[:^digit:]]+$'
      condition: sel`,
    // JavaScript as written reads [[:^digit:]] as a set of [ : ^ d i g t followed by ]+.
    [req('/abc'), req('/x-y')],
    [req('/123'), req('/a1')],
  ),
  rule(
    're with an escaped \\[ before :digit: is the literal text, not a POSIX class',
    String.raw`
      sel:
        cs-uri-query|re: 'x=\[:digit:]'
      condition: sel`,
    [req('/x?x=[:digit:]')],
    [req('/x?x=5'), req('/x?x=[5')],
  ),
];

const CIDRS: Case[] = [
  rule(
    'cidr on IPv4',
    `
      sel:
        c-ip|cidr: 10.0.0.0/8
      condition: sel`,
    [req('/', { srcIp: '10.0.0.1' }), req('/', { srcIp: '10.255.255.255' })],
    [
      req('/', { srcIp: '11.0.0.1' }),
      req('/', { srcIp: '9.255.255.255' }),
      req('/', { srcIp: '2001:db8::1' }),
      req('/', { srcIp: 'unknown' }),
      req('/', { srcIp: null }),
    ],
  ),
  rule(
    'cidr with a list of IPv4 ranges',
    `
      sel:
        c-ip|cidr:
          - 192.168.0.0/16
          - 172.16.0.0/12
      condition: sel`,
    [req('/', { srcIp: '172.31.255.1' }), req('/', { srcIp: '192.168.7.7' })],
    [req('/', { srcIp: '172.32.0.1' })],
  ),
  rule(
    'cidr on IPv6 written short matches addresses written short or long',
    `
      sel:
        c-ip|cidr: '2001:db8::/32'
      condition: sel`,
    [
      req('/', { srcIp: '2001:db8::1' }),
      req('/', { srcIp: '2001:DB8:ffff::1' }),
      req('/', { srcIp: '2001:0db8:0000:0000:0000:0000:0000:0001' }),
    ],
    [req('/', { srcIp: '2001:db9::1' }), req('/', { srcIp: '10.0.0.1' })],
  ),
  rule(
    'cidr on IPv6 written long matches an address written short',
    `
      sel:
        c-ip|cidr: '2001:0db8:0000:0000:0000:0000:0000:0000/32'
      condition: sel`,
    [req('/', { srcIp: '2001:db8::1' })],
    [req('/', { srcIp: '2001:db9::1' })],
  ),
  rule(
    'cidr /128 is one IPv6 address, however it is written',
    `
      sel:
        c-ip|cidr: '2001:db8::1/128'
      condition: sel`,
    [req('/', { srcIp: '2001:db8::1' }), req('/', { srcIp: '2001:0db8:0:0:0:0:0:1' })],
    [req('/', { srcIp: '2001:db8::2' })],
  ),
  rule(
    'cidr on an IPv4 range matches the IPv4-mapped ::ffff: address',
    `
      sel:
        c-ip|cidr: 192.168.0.0/16
      condition: sel`,
    [
      req('/', { srcIp: '192.168.1.1' }),
      req('/', { srcIp: '::ffff:192.168.1.1' }),
      req('/', { srcIp: '::ffff:c0a8:101' }),
    ],
    [req('/', { srcIp: '::ffff:10.0.0.1' })],
  ),
];

const ENCODINGS: Case[] = [
  rule(
    'base64|contains finds the encoded value',
    `
      sel:
        cs-uri-query|base64|contains: whoami
      condition: sel`,
    [req('/run?cmd=d2hvYW1p')], // base64("whoami")
    [req('/run?cmd=whoami')],
  ),
  rule(
    'base64 alone is equality with the encoded value',
    `
      sel:
        c-useragent|base64: evil
      condition: sel`,
    [req('/', { userAgent: 'ZXZpbA==' })], // base64("evil")
    [req('/', { userAgent: 'xZXZpbA==' }), req('/', { userAgent: 'evil' })],
  ),
  rule(
    'base64offset|contains finds the value at each of the three offsets',
    `
      sel:
        cs-uri-query|base64offset|contains: admin
      condition: sel`,
    [
      req('/x?data=YWRtaW4='), // base64("admin"): offset 0
      req('/x?data=eGFkbWlu'), // base64("xadmin"): offset 1
      req('/x?data=eHhhZG1pbg=='), // base64("xxadmin"): offset 2
    ],
    [req('/x?data=admin'), req('/x?data=YWRtbG4=')], // base64("admln")
  ),
  rule(
    'base64 and base64offset compare the encoded text in its case (another case is other bytes)',
    `
      sel_whole:
        cs-uri-query|base64|contains: whoami
      sel_offset:
        cs-uri-query|base64offset|contains: admin
      condition: 1 of sel_*`,
    [req('/run?cmd=d2hvYW1p'), req('/x?data=eGFkbWlu')],
    // D2HVYW1P and YWRTAW4 decode to other bytes, not to whoami / admin in another case.
    [req('/run?cmd=D2HVYW1P'), req('/run?cmd=d2hvyw1p'), req('/x?data=YWRTAW4=')],
  ),
  rule(
    'windash: a flag dash at the start of the value',
    `
      sel:
        cs-uri-query|windash|contains: '-exec'
      condition: sel`,
    ['-', '/', '\u2013', '\u2014', '\u2015'].map((dash) => req(`/run?c=${dash}exec`)),
    [req('/run?c=exec'), req('/run?c=+exec')],
  ),
  rule(
    'windash: a flag dash after a space',
    `
      sel:
        cs-uri-query|windash|contains: 'ping -n'
      condition: sel`,
    ['-', '/', '\u2013', '\u2014', '\u2015'].map((dash) => req(`/run?c=ping ${dash}n 1`)),
    [req('/run?c=ping n 1'), req('/run?c=ping +n 1')],
  ),
  rule(
    'windash: a flag dash after = (arg=-exec)',
    `
      sel:
        cs-uri-query|windash|contains: 'arg=-exec'
      condition: sel`,
    ['-', '/', '\u2013', '\u2014', '\u2015'].map((dash) => req(`/run?arg=${dash}exec`)),
    [req('/run?arg=exec'), req('/run?arg=+exec')],
  ),
];

const REFERRED = 'https://a.example/';
const PRESENCE: Case[] = [
  rule(
    'exists: true',
    `
      sel:
        cs-referer|exists: true
      condition: sel`,
    [req('/', { referrer: REFERRED })],
    [req('/')],
  ),
  rule(
    'exists: false',
    `
      sel:
        cs-referer|exists: false
      condition: sel`,
    [req('/')],
    [req('/', { referrer: REFERRED })],
  ),
  rule(
    'null matches a field that is absent or empty',
    `
      sel:
        cs-referer: null
      condition: sel`,
    [req('/'), req('/', { referrer: null }), req('/', { referrer: '' })],
    [req('/', { referrer: REFERRED })],
  ),
  rule(
    'null in a list of values',
    `
      sel:
        cs-referer:
          - null
          - '-'
      condition: sel`,
    [req('/'), req('/', { referrer: '-' })],
    [req('/', { referrer: REFERRED })],
  ),
  rule(
    "'' matches like null (Vigil stores an empty value as absent)",
    `
      sel:
        cs-referer: ''
      condition: sel`,
    [req('/'), req('/', { referrer: '' })],
    [req('/', { referrer: REFERRED })],
  ),
];

const NUMBERS: Case[] = [
  rule(
    'a number on a number field: sc-status: 404',
    `
      sel:
        sc-status: 404
      condition: sel`,
    [req('/', { responseCode: 404 })],
    [req('/'), req('/', { responseCode: 4040 }), req('/', { responseCode: null })],
  ),
  rule(
    "a string on a number field: sc-status: '404'",
    `
      sel:
        sc-status: '404'
      condition: sel`,
    [req('/', { responseCode: 404 })],
    [req('/', { responseCode: 403 })],
  ),
  rule(
    'a wildcard on a number field: sc-status: 40*',
    `
      sel:
        sc-status: 40*
      condition: sel`,
    [req('/', { responseCode: 404 }), req('/', { responseCode: 401 })],
    [req('/', { responseCode: 304 }), req('/', { responseCode: 500 })],
  ),
  rule(
    'a list of numbers',
    `
      sel:
        sc-status:
          - 401
          - 403
      condition: sel`,
    [req('/', { responseCode: 401 }), req('/', { responseCode: 403 })],
    [req('/', { responseCode: 402 })],
  ),
  rule(
    'a number on a text field is compared as its text',
    `
      sel:
        cs-uri-query: 42
      condition: sel`,
    [req('/x?42')],
    [req('/x?420'), req('/x?4')],
  ),
  rule(
    'an unquoted number on a text field is its text as written (007, 5.0, 0x41, 1e3), not as YAML reads it',
    `
      sel:
        cs-uri-query|contains:
          - 007
          - 5.0
          - 0x41
          - 1e3
      condition: sel`,
    [req('/x?a=007'), req('/x?v=5.0'), req('/x?c=0x41'), req('/x?n=1e3')],
    // As YAML reads them these would be 7, 5, 65 and 1000.
    [req('/x?a=7'), req('/x?v=5'), req('/x?c=65'), req('/x?n=1000')],
  ),
  rule(
    'a number written otherwise (404.0, 5e2) still compares as a number on a number field',
    `
      sel_equal:
        sc-status: 404.0
      sel_above:
        sc-status|gte: 5e2
      condition: 1 of sel_*`,
    [req('/', { responseCode: 404 }), req('/', { responseCode: 500 }), req('/', { responseCode: 503 })],
    [req('/', { responseCode: 200 }), req('/', { responseCode: 499 })],
  ),
  rule(
    'gte and lt on sc-status',
    `
      sel:
        sc-status|gte: 400
        sc-status|lt: 500
      condition: sel`,
    [req('/', { responseCode: 400 }), req('/', { responseCode: 499 })],
    [req('/', { responseCode: 399 }), req('/', { responseCode: 500 }), req('/', { responseCode: null })],
  ),
  rule(
    'gt and lte on bytes',
    `
      sel:
        sc-bytes|gt: 1000000
        cs-bytes|lte: 100
      condition: sel`,
    [req('/', { bytesOut: 1000001, bytesIn: 100 }), req('/', { bytesOut: 5e9, bytesIn: 0 })],
    [
      req('/', { bytesOut: 1000000, bytesIn: 100 }),
      req('/', { bytesOut: 1000001, bytesIn: 101 }),
      req('/', { bytesOut: null, bytesIn: 100 }),
    ],
  ),
];

const KEYWORDS: Case[] = [
  rule(
    'keywords are found in the path, query, user agent, referrer and host, in any case',
    `
      keywords:
        - kwpath
        - kwquery
        - kwagent
        - kwreferrer
        - kwhost
      condition: keywords`,
    [
      req('/x/KWPATH/y'),
      req('/s?q=kwquery'),
      req('/', { userAgent: 'tool kwagent/1' }),
      req('/', { referrer: 'https://r.example/kwreferrer' }),
      req('/', { host: 'kwhost.example' }),
    ],
    [req('/s?q=other')],
  ),
  rule(
    'a keyword is found in the method (POST)',
    `
      keywords:
        - POST
      condition: keywords`,
    [req('/form', { method: 'POST' })],
    [req('/form')],
  ),
  rule(
    'a keyword is found in the HTTP version (HTTP/1.1)',
    `
      keywords:
        - HTTP/1.1
      condition: keywords`,
    [req('/', { httpVersion: 'HTTP/1.1' })],
    [req('/')],
  ),
  rule(
    'a keyword is found in the client IP (10.0.0.30)',
    `
      keywords:
        - 10.0.0.30
      condition: keywords`,
    [req('/', { srcIp: '10.0.0.30' })],
    [req('/')],
  ),
  rule(
    'keywords with * and ? wildcards',
    `
      keywords:
        - 'union*select'
        - 'sl?ep('
      condition: keywords`,
    [req('/p?id=1 UNION ALL SELECT 1'), req('/p?id=SLEEP(5)')],
    [req('/p?q=select+union'), req('/p?id=slep(5)')],
  ),
  rule(
    '|all keywords need every keyword, in any of the fields',
    `
      keywords:
        '|all':
          - alpha
          - bravo
      condition: keywords`,
    [req('/alpha?bravo'), req('/alpha', { userAgent: 'bravo/1.0' })],
    [req('/alpha'), req('/', { userAgent: 'bravo/1.0' })],
  ),
];

/** Three selections, one per query word alpha, bravo, charlie, named `names` (a, b, c by default). */
const ABC = (names = ['a', 'b', 'c']) =>
  ['alpha', 'bravo', 'charlie'].map((word, i) => `${names[i]}:\n  cs-uri-query|contains: ${word}`).join('\n');
const conditionCase = (
  name: string,
  text: string,
  hits: RequestRecord[],
  misses: RequestRecord[],
  names?: string[],
) => rule(name, `${ABC(names)}\ncondition: ${text}`, hits, misses);
const [A, B, C] = ['alpha', 'bravo', 'charlie'];

const CONDITIONS: Case[] = [
  conditionCase('a and b', 'a and b', [words(A, B)], [words(A), words(B)]),
  conditionCase('a or b', 'a or b', [words(A), words(B)], [words(C), words()]),
  conditionCase('a and not b', 'a and not b', [words(A)], [words(A, B), words()]),
  conditionCase(
    'a or b and c: and binds tighter than or',
    'a or b and c',
    [words(A), words(B, C), words(A, B)],
    [words(B), words(C), words()],
  ),
  conditionCase(
    '(a or b) and c: parentheses group',
    '(a or b) and c',
    [words(A, C), words(B, C)],
    [words(A), words(B)],
  ),
  conditionCase(
    'not a and b: not binds tighter than and',
    'not a and b',
    [words(B)],
    [words(A, B), words(), words(A)],
  ),
  conditionCase(
    'not (a and b): holds with no selection matching',
    'not (a and b)',
    [words(), words(A)],
    [words(A, B)],
  ),
  conditionCase(
    '1 of sel*: only identifiers the pattern names',
    '1 of sel*',
    [words(A), words(B)],
    [words(C), words()],
    ['sel_a', 'sel_b', 'other'],
  ),
  conditionCase(
    'all of sel*',
    'all of sel*',
    [words(A, B)],
    [words(A), words(B, C)],
    ['sel_a', 'sel_b', 'other'],
  ),
  conditionCase(
    '2 of sel*',
    '2 of sel*',
    [words(A, B), words(B, C), words(A, B, C)],
    [words(A), words(C)],
    ['sel_a', 'sel_b', 'sel_c'],
  ),
  conditionCase(
    '1 of them leaves out identifiers starting with _',
    '1 of them',
    [words(A), words(B)],
    [words(C)],
    ['a', 'b', '_c'],
  ),
  conditionCase(
    'all of them leaves out identifiers starting with _',
    'all of them',
    [words(A, B)],
    [words(A), words(B, C)],
    ['a', 'b', '_c'],
  ),
  conditionCase(
    'sel and not 1 of filter*',
    'sel and not 1 of filter*',
    [words(A)],
    [words(A, B), words(A, C), words(B)],
    ['sel', 'filter_b', 'filter_c'],
  ),
  rule(
    'a condition given as a list holds when any of them does',
    `${ABC()}\ncondition:\n  - a and b\n  - c`,
    [words(A, B), words(C)],
    [words(A), words(B)],
  ),
];

/** One case per Sigma field name: `name: value` must match `hits` and not `misses`. */
const field = (
  name: string,
  value: string,
  hits: RequestRecord[],
  misses: RequestRecord[],
  logsource?: string,
) => rule(`${name} → ${value}`, `sel:\n  ${name}: ${value}\ncondition: sel`, hits, misses, logsource);
const FIREWALL = 'category: firewall';

const FIELD_NAMES: Case[] = [
  field('cs-method', 'PUT', [req('/', { method: 'PUT' })], [req('/')]),
  field('cs-uri-stem', '/a.php', [req('/a.php'), req('/a.php?id=1')], [req('/b.php')]),
  field('cs-uri-query', 'id=1', [req('/a.php?id=1')], [req('/a.php?id=2'), req('/id=1')]),
  field('c-uri', "'/a.php?id=1'", [req('/a.php?id=1')], [req('/a.php'), req('/a.php?id=2')]),
  field('c-uri', '/a.php', [req('/a.php')], [req('/a.php?id=1')]),
  field(
    'c-uri-extension',
    'php',
    [req('/x/index.php'), req('/x/index.PHP?y=1')],
    [req('/x.php/y'), req('/php')],
  ),
  field('c-useragent', 'curl/8.5.0', [req('/', { userAgent: 'curl/8.5.0' })], [req('/')]),
  field(
    'cs-referer',
    "'https://evil.example/'",
    [req('/', { referrer: 'https://evil.example/' })],
    [req('/')],
  ),
  field('cs-host', 'admin.internal', [req('/', { host: 'admin.internal' })], [req('/')]),
  field('sc-status', '500', [req('/', { responseCode: 500 })], [req('/')]),
  field('c-ip', '203.0.113.9', [req('/', { srcIp: '203.0.113.9' })], [req('/', { dstIp: '203.0.113.9' })]),
  field(
    'cs-version',
    'HTTP/1.0',
    [req('/', { httpVersion: 'HTTP/1.0' })],
    [req('/', { httpVersion: 'HTTP/1.1' })],
  ),
  field('dst_ip', '10.1.1.1', [conn({ dstIp: '10.1.1.1' })], [conn({ srcIp: '10.1.1.1' })], FIREWALL),
  field(
    'dst_port',
    '445',
    [conn({ dstPort: 445 })],
    // A firewall rule runs on connections only: a web request to port 445 is not its data.
    [conn({ srcPort: 445 }), conn({ dstPort: 4450 }), req('/', { dstPort: 445 })],
    FIREWALL,
  ),
  field('CS-URI-STEM', '/upper.php', [req('/upper.php')], [req('/lower.php')]),
  field('userAgent', 'curl/8.5.0', [req('/', { userAgent: 'curl/8.5.0' })], [req('/')]),
];

/**
 * The logsource decides which sessions a rule runs on: web server, proxy, load balancer and Zeek
 * http rules on requests, firewall and Zeek conn rules on connections without one. A rule made of
 * negations used to match every session of the other kind.
 */
const SCOPES: Case[] = [
  rule(
    'webserver, negation only',
    "health:\n  cs-uri-stem|startswith: '/health'\ncondition: not health",
    [req('/login')],
    [req('/health/live'), conn({ dstPort: 22 })],
  ),
  rule(
    'firewall, negation only',
    'web:\n  dst_port:\n    - 80\n    - 443\ncondition: not web',
    [conn({ dstPort: 22 })],
    [conn({ dstPort: 443 }), req('/', { dstPort: 22 })],
    FIREWALL,
  ),
  rule(
    'zeek conn',
    'ssh:\n  dst_port: 22\ncondition: ssh',
    [conn({ dstPort: 22 })],
    [req('/', { dstPort: 22 })],
    'product: zeek, service: conn',
  ),
  rule(
    'aws alb, negation only',
    'ok:\n  sc-status: 200\ncondition: not ok',
    [req('/', { responseCode: 502 }), { ...conn(), userAgent: 'curl/8.5.0', responseCode: 502 }],
    [req('/'), conn({ responseCode: 502 })],
    'product: aws, service: alb',
  ),
];

/** `action: global` shared by two rules, `repeat` of the first, `reset`, then a rule of its own. */
const COLLECTION: Case = {
  name: 'a collection with action: global, repeat and reset',
  yaml: [
    dedent(`
      action: global
      logsource: { category: webserver }
      level: medium
      detection:
        scanner:
          c-useragent|contains: scanbot`),
    dedent(`
      title: collection rule one
      id: ${nextId()}
      detection:
        sel:
          cs-uri-stem: /one
        condition: sel and scanner`),
    dedent(`
      action: repeat
      title: collection rule two
      id: ${nextId()}
      detection:
        sel:
          cs-uri-stem: /two`),
    'action: reset',
    dedent(`
      title: collection rule three
      id: ${nextId()}
      level: low
      logsource: { category: webserver }
      detection:
        sel:
          cs-uri-stem: /three
        condition: 1 of them`),
  ].join('\n---\n'),
  checks: [
    { record: req('/one', { userAgent: 'scanbot/2' }), titles: ['collection rule one'] },
    { record: req('/one'), titles: [] },
    { record: req('/two', { userAgent: 'scanbot/2' }), titles: ['collection rule two'] },
    { record: req('/two'), titles: [] },
    { record: req('/three'), titles: ['collection rule three'] },
    // After reset, the global `scanner` is no longer part of the rules: `1 of them` does not see it.
    { record: req('/x', { userAgent: 'scanbot/2' }), titles: [] },
  ],
};

// Vigil reads a URL field (path, query, the URI, the referrer, a raw request line) as logged and
// percent-decoded once and twice, as the server reads it (core/rules/decode.ts); other fields as
// logged only.
const DECODED_URLS: Case[] = [
  rule(
    'a URL field matches its decoded spellings: encoded once, twice, every byte, + as a space',
    `
      sel:
        cs-uri-query|contains: "' or 1=1"
      condition: sel`,
    [
      req("/p?id=1' or 1=1"),
      req('/p?id=1%27%20or%201%3D1'),
      req('/p?id=1%2527%2520or%25201%253D1'),
      req('/p?id=%31%27%20%6F%72%20%31%3D%31'),
      req("/p?id=1'+or+1=1"),
    ],
    [req('/p?id=1%252527%252520or%2525201%25253D1'), req('/p?id=1')],
  ),
  rule(
    'a whole-value test sees the decoded path, and a rule written for an encoding still matches it',
    `
      sel_plain:
        cs-uri-stem: /admin
      sel_encoded:
        cs-uri-stem|contains: '%2e%2e/'
      condition: 1 of sel_*`,
    [req('/%61dmin'), req('/ADMIN'), req('/a/%2e%2e/b')],
    // In a path, + is itself.
    [req('/admin+x'), req('/admin/x')],
  ),
  rule(
    "a decoded NUL ends the name as the server's file API reads it (a null-byte extension bypass)",
    `
      sel:
        cs-uri-stem|endswith: /.env
      condition: sel`,
    [req('/app/.env%00.html'), req('/app/.env%2500.jpg'), req('/app/.env%00')],
    // Before the NUL the name must still match; a NUL as logged (`%00` in a literal) is not decoded.
    [req('/app/.env.html%00'), req('/app/%00/.envx')],
  ),
  rule(
    'the referrer is decoded, the user agent is not',
    `
      sel_ref:
        cs-referer|contains: '<script'
      sel_ua:
        c-useragent|contains: '<svg'
      condition: 1 of sel_*`,
    [req('/', { referrer: 'https://x.example/?q=%3Cscript%3E' }), req('/', { userAgent: '<svg onload=1>' })],
    [req('/', { userAgent: '%3Csvg%20onload=1%3E' })],
  ),
];

const CORPUS: Record<string, Case[]> = {
  'URL fields as logged and decoded': DECODED_URLS,
  'values, wildcards and escapes': VALUES,
  'contains, startswith, endswith, all, cased': TEXT_MODIFIERS,
  're and its flags': REGEXES,
  cidr: CIDRS,
  'base64, base64offset, windash': ENCODINGS,
  'exists, null and empty values': PRESENCE,
  'numbers and comparisons': NUMBERS,
  keywords: KEYWORDS,
  conditions: CONDITIONS,
  'Sigma field names': FIELD_NAMES,
  'logsource scopes': SCOPES,
  collections: [COLLECTION],
};

// ---------------------------------------------------------------------------------------------
// Running a case

/** Titles of the rules that hit `record`, sorted, by the compiled engine and the reference evaluator. */
function hitsOf(load: LoadResult, compiled: CompiledRuleSet, record: RequestRecord) {
  const titleOf = new Map(load.rules.map((r) => [r.id, r.title]));
  return {
    compiled: evaluateRecords(compiled, [record])
      .map((hit) => hit.title)
      .sort(),
    reference: referenceEvaluate(load.rules, [record])
      .map((hit) => titleOf.get(hit.ruleId))
      .sort(),
  };
}

const fileOf = (name: string) => `${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}.yml`;

for (const [group, cases] of Object.entries(CORPUS)) {
  describe(`Sigma corpus: ${group}`, () => {
    for (const testCase of cases) {
      describe(testCase.name, () => {
        // Loaded and compiled on first use, so a rule that fails to load fails its tests, not the file.
        let engines: { load: LoadResult; compiled: CompiledRuleSet } | null = null;
        const enginesOf = () => {
          if (!engines) {
            const load = loadRuleText(testCase.yaml, fileOf(testCase.name));
            engines = { load, compiled: compileRules(load.rules) };
          }
          return engines;
        };
        const seen = new Map<string, number>();
        for (const { record, titles } of testCase.checks) {
          const request = describeRequest(record);
          let name =
            titles.length === 0
              ? `does not match ${request}`
              : titles.length === 1 && titles[0] === testCase.name
                ? `matches ${request}`
                : `matches ${titles.join(', ')}: ${request}`;
          const repeat = (seen.get(name) ?? 0) + 1;
          seen.set(name, repeat);
          if (repeat > 1) name += ` (#${repeat})`;
          it(name, () => {
            const { load, compiled } = enginesOf();
            expect(load.refused, 'the rules load without refusal').toEqual([]);
            const expected = [...titles].sort();
            expect(hitsOf(load, compiled, record)).toEqual({ compiled: expected, reference: expected });
          });
        }
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Refusals

interface Refusal {
  name: string;
  yaml: string;
  /** Text on the line the refusal must point at. */
  at: string;
  reason: RegExp;
  /** The refused rule's title, when its YAML could be read. */
  title: string | null;
  /** Titles of the rules of the same text that must still load. */
  loads: string[];
}

const refusal = (name: string, detection: string, at: string, reason: RegExp): Refusal => ({
  name,
  yaml: ruleYaml(name, detection),
  at,
  reason,
  title: name,
  loads: [],
});

const REFUSALS: Refusal[] = [
  refusal(
    '3 of sel* when only two identifiers match',
    `
      sel_a:
        cs-uri-stem: /a
      sel_b:
        cs-uri-stem: /b
      condition: 3 of sel*`,
    'condition: 3 of sel*',
    /3 of sel\*/,
  ),
  refusal(
    String.raw`\p{Lu} in a regex (JavaScript without u would read a literal p)`,
    String.raw`
      sel:
        cs-uri-stem|re: '^/\p{Lu}+$'
      condition: sel`,
    'cs-uri-stem|re:',
    /\\p\{Lu\}/,
  ),
  refusal(
    'a POSIX class outside brackets in a regex ([:digit:] for [[:digit:]])',
    `
      sel:
        cs-uri-stem|re: '^/[:digit:]+$'
      condition: sel`,
    'cs-uri-stem|re:',
    /\[:digit:\].*inside brackets/,
  ),
  refusal(
    'a negated POSIX class among other members of a bracket ([[:^digit:]_])',
    `
      sel:
        cs-uri-stem|re: '^/[[:^digit:]_]+$'
      condition: sel`,
    'cs-uri-stem|re:',
    /\[:\^digit:\]/,
  ),
  refusal(
    'near in a condition',
    `
      sel_a:
        cs-uri-stem: /a
      sel_b:
        cs-uri-stem: /b
      condition: sel_a near sel_b`,
    'condition: sel_a near sel_b',
    /near/,
  ),
  refusal(
    'an aggregation | count() by c-ip > 10',
    `
      sel:
        cs-uri-stem: /login
      condition: sel | count() by c-ip > 10`,
    'condition: sel | count()',
    /count|aggregation/i,
  ),
  refusal(
    'the utf16le modifier',
    `
      sel:
        cs-uri-query|utf16le|base64offset|contains: cmd
      condition: sel`,
    'cs-uri-query|utf16le',
    /utf16le/,
  ),
  {
    name: 'an unquoted *admin* (a YAML alias) refuses only its own rule',
    yaml: [
      ruleYaml('loads before the alias', 'sel:\n  cs-uri-stem: /before\ncondition: sel'),
      ruleYaml('uses an unquoted *admin*', 'sel:\n  cs-uri-stem: *admin*\ncondition: sel'),
      ruleYaml('loads after the alias', 'sel:\n  cs-uri-stem: /after\ncondition: sel'),
    ].join('\n---\n'),
    at: 'cs-uri-stem: *admin*',
    reason: /alias/i,
    title: null,
    loads: ['loads before the alias', 'loads after the alias'],
  },
];

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineContaining(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`the test's YAML has no line with ${JSON.stringify(needle)}`);
  return index + 1;
}

describe('Sigma corpus: refusals name the problem, the file and the line', () => {
  for (const { name, yaml, at, reason, title, loads } of REFUSALS)
    it(name, () => {
      const file = fileOf(name);
      const load = loadRuleText(yaml, file);
      expect(load.rules.map((r) => r.title)).toEqual(loads);
      expect(load.refused).toEqual([
        expect.objectContaining({
          file,
          line: lineContaining(yaml, at),
          reason: expect.stringMatching(reason),
        }),
      ]);
      if (title !== null) expect(load.refused[0]?.title).toBe(title);
    });
});
