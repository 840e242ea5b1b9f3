// The access-log importers described for hostile.test.ts as specs.ts describes the older ones: a
// valid record per i, and hostile records with the quarantine reason each must get.
import { CLOUDFRONT_FIELDS } from '../../../src-main/core/ingest/formats/cloudfront.js';
import { BIG, FORMULA, type FormatSpec, SCRIPT, withBadBytes } from './specs.js';

const ip = (i: number) => `198.51.${(i >> 8) & 255}.${i & 255}`;

const combinedRow = (
  i: number,
  f: Partial<Record<'client' | 'time' | 'target' | 'status' | 'bytes' | 'agent', string>> = {},
) =>
  `${f.client ?? ip(i)} - - [${f.time ?? '12/Feb/2024:10:00:00 +0000'}] "GET ${f.target ?? `/item/${i}?page=1`} HTTP/1.1" ${f.status ?? '200'} ${f.bytes ?? String(100 + i)} "-" "${f.agent ?? 'Mozilla/5.0 (X11; Linux x86_64)'}"`;

export const combinedSpec: FormatSpec = {
  format: 'combined',
  fileName: 'access.log',
  header: null,
  good: (i) => combinedRow(i),
  bad: {
    notALogLine: {
      line: 'AH00558: httpd: Could not reliably determine the server name',
      reason: /^not a Common\/Combined Log Format line/,
    },
    invalidUtf8: {
      line: withBadBytes(combinedRow(0, { target: '/PATH' }), 'PATH'),
      reason: 'invalid UTF-8 bytes in the record',
    },
    invalidIp: {
      line: combinedRow(0, { client: '256.1.1.1' }),
      reason: 'client: not an IP address: 256.1.1.1',
    },
    // node's isIP takes a zone (`%…`, any of [0-9A-Za-z.:-]): a client from X-Forwarded-For could
    // store `::1%evil.example`, which every other part of Vigil (and STIX's ipv6-addr) refuses.
    zonedIp: {
      line: combinedRow(0, { client: '::1%evil.example' }),
      reason: 'client: not an IP address: ::1%evil.example',
    },
    badTime: {
      line: combinedRow(0, { time: '12/Foo/2024:10:00:00 +0000' }),
      reason: 'time: not a [day/Mon/year:hh:mm:ss zone] time: 12/Foo/2024:10:00:00 +0000',
    },
    badStatus: { line: combinedRow(0, { status: '2x0' }), reason: 'status: not a status code: 2x0' },
    negativeBytes: { line: combinedRow(0, { bytes: '-5' }), reason: 'bytes: not a byte count: -5' },
    bigField: { line: combinedRow(0, { agent: BIG }), reason: 'user-agent: longer than 65536 characters' },
    nulByte: { line: combinedRow(0, { target: '/a\0b' }), reason: 'NUL byte in the record' },
    truncated: { line: combinedRow(0).slice(0, 70), reason: /^unterminated quoted field/ },
  },
  injection: {
    line: combinedRow(7, { target: `/${SCRIPT}`, agent: FORMULA }),
    stored: (s) => [s.path, s.userAgent],
    expected: [`/${SCRIPT}`, FORMULA],
  },
  unterminatedQuote: {
    line: combinedRow(1).slice(0, -1),
    stored: 3,
    quarantined: [[1, /^unterminated quoted field/]],
  },
};

const albRow = (
  i: number,
  f: Partial<Record<'type' | 'client' | 'received' | 'target' | 'agent' | 'created', string>> = {},
) =>
  `${f.type ?? 'https'} 2024-02-12T10:00:01.500000Z app/lb/50dc6c495c0c9188 ${f.client ?? `${ip(i)}:${1024 + i}`} 10.0.0.1:80 0.001 0.010 0.000 200 200 ${f.received ?? String(300 + i)} 1200 "GET https://www.example.com:443${f.target ?? `/item/${i}`} HTTP/1.1" "${f.agent ?? 'curl/8.5.0'}" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/tg/73e2d6bc24d8a067 "Root=1-65c9ed11-${String(i).padStart(24, '0')}" "www.example.com" "-" 1 ${f.created ?? '2024-02-12T10:00:01.489000Z'} "forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_0123456789abcdef`;

export const albSpec: FormatSpec = {
  format: 'alb',
  fileName: 'alb.log',
  header: null,
  good: (i) => albRow(i),
  bad: {
    fieldCount: {
      line: albRow(0).split(' ').slice(0, 10).join(' '),
      reason: 'expected at least 14 fields (ALB access log), found 10',
    },
    badType: { line: albRow(0, { type: 'tcp' }), reason: 'type: not an ALB request type: tcp' },
    invalidUtf8: {
      line: withBadBytes(albRow(0, { agent: 'AGENT' }), 'AGENT'),
      reason: 'invalid UTF-8 bytes in the record',
    },
    invalidIp: {
      line: albRow(0, { client: '10.0.0.300:80' }),
      reason: 'client:port: not an IP address: 10.0.0.300',
    },
    negativeBytes: { line: albRow(0, { received: '-5' }), reason: 'received_bytes: negative (-5)' },
    endBeforeStart: {
      line: albRow(0, { created: '2024-02-12T10:00:02.000000Z' }),
      reason: 'end before start (2024-02-12T10:00:01.500Z < 2024-02-12T10:00:02.000Z)',
    },
    bigField: { line: albRow(0, { agent: BIG }), reason: 'user_agent: longer than 65536 characters' },
    nulByte: { line: albRow(0, { target: '/a\0b' }), reason: 'NUL byte in the record' },
  },
  injection: {
    line: albRow(7, { target: `/${SCRIPT}`, agent: FORMULA }),
    stored: (s) => [s.path, s.userAgent],
    expected: [`/${SCRIPT}`, FORMULA],
  },
  // The user agent's quote closes at the trace id's: the fields after it shift, and the time read
  // where request_creation_time should be is not one.
  unterminatedQuote: {
    line: albRow(1, { agent: 'curl"broken' }).replace('"curl"broken"', '"curl'),
    stored: 3,
    quarantined: [[1, /^request_creation_time: not a timestamp/]],
  },
};

const cloudfrontRow = (
  i: number,
  f: Partial<Record<'date' | 'ip' | 'bytes' | 'stem' | 'agent' | 'drop', string>> = {},
) => {
  const values = [
    f.date ?? '2024-02-12',
    '10:00:00',
    'LAX1',
    f.bytes ?? String(400 + i),
    f.ip ?? ip(i),
    'GET',
    'd111111abcdef8.cloudfront.net',
    f.stem ?? `/item/${i}`,
    '200',
    '-',
    f.agent ?? 'Mozilla/5.0%20(X11;%20Linux%20x86_64)',
    '-',
    '-',
    'Hit',
    `req-${i}-SOX4xwn4XV6Q4rgb7XiVGOHms==`,
    'www.example.com',
    'https',
    '23',
    '0.001',
    '-',
    'TLSv1.3',
    'TLS_AES_128_GCM_SHA256',
    'Hit',
    'HTTP/2.0',
    '-',
    '-',
    String(40000 + i),
    '0.001',
    'Hit',
    'text/html',
    '78',
    '-',
    '-',
  ];
  if (f.drop) values.pop();
  return values.join('\t');
};

export const cloudfrontSpec: FormatSpec = {
  format: 'cloudfront',
  fileName: 'cloudfront.log',
  header: `#Fields: ${CLOUDFRONT_FIELDS.join(' ')}`,
  good: (i) => cloudfrontRow(i),
  namesEvents: true,
  bad: {
    fieldCount: {
      line: cloudfrontRow(0, { drop: 'yes' }),
      reason: 'expected 33 fields (as named by #Fields on line 1), found 32',
    },
    invalidUtf8: {
      line: withBadBytes(cloudfrontRow(0, { stem: '/STEM' }), 'STEM'),
      reason: 'invalid UTF-8 bytes in the record',
    },
    invalidIp: { line: cloudfrontRow(0, { ip: '1.2.3' }), reason: 'c-ip: not an IP address: 1.2.3' },
    negativeBytes: { line: cloudfrontRow(0, { bytes: '-5' }), reason: 'sc-bytes: negative (-5)' },
    badDate: {
      line: cloudfrontRow(0, { date: '2024-13-01' }),
      reason: 'date time: not a date and time: 2024-13-01 10:00:00',
    },
    bigField: {
      line: cloudfrontRow(0, { agent: BIG }),
      reason: 'cs(User-Agent): longer than 65536 characters',
    },
    nulByte: { line: cloudfrontRow(0, { stem: '/a\0b' }), reason: 'NUL byte in the record' },
  },
  injection: {
    line: cloudfrontRow(7, { stem: `/${SCRIPT}`, agent: encodeURIComponent(FORMULA) }),
    stored: (s) => [s.path, s.userAgent],
    expected: [`/${SCRIPT}`, FORMULA],
  },
  // Tab-separated without quoting: a quote is text like any other.
  unterminatedQuote: { line: cloudfrontRow(1, { stem: '/"item' }), stored: 4, quarantined: [] },
};

const ZEEK_HTTP_FIELDS =
  'ts uid id.orig_h id.orig_p id.resp_h id.resp_p trans_depth method host uri referrer version user_agent request_body_len response_body_len status_code';
const zeekRow = (i: number, f: Partial<Record<'ts' | 'ip' | 'uri' | 'agent' | 'length', string>> = {}) =>
  [
    f.ts ?? `${1_700_000_000 + i}.123456`,
    `C${String(i).padStart(17, 'x')}`,
    f.ip ?? ip(i),
    String(40000 + (i % 20000)),
    '10.0.0.1',
    '80',
    '1',
    'GET',
    'www.example.com',
    f.uri ?? `/item/${i}`,
    '-',
    '1.1',
    f.agent ?? 'Mozilla/5.0',
    f.length ?? '0',
    '512',
    '200',
  ].join('\t');

export const zeekHttpSpec: FormatSpec = {
  format: 'zeek-http',
  fileName: 'http.log',
  header: `#fields\t${ZEEK_HTTP_FIELDS.replaceAll(' ', '\t')}`,
  good: (i) => zeekRow(i),
  namesEvents: true,
  bad: {
    fieldCount: {
      line: zeekRow(0).split('\t').slice(0, 15).join('\t'),
      reason: 'expected 16 fields (as named by #fields on line 1), found 15',
    },
    invalidUtf8: {
      line: withBadBytes(zeekRow(0, { uri: '/URI' }), 'URI'),
      reason: 'invalid UTF-8 bytes in the record',
    },
    invalidIp: { line: zeekRow(0, { ip: '10.0.0.256' }), reason: 'id.orig_h: not an IP address: 10.0.0.256' },
    negativeBytes: { line: zeekRow(0, { length: '-5' }), reason: 'request_body_len: negative (-5)' },
    badTime: { line: zeekRow(0, { ts: 'yesterday' }), reason: 'ts: not a timestamp: yesterday' },
    bigField: { line: zeekRow(0, { agent: BIG }), reason: 'user_agent: longer than 65536 characters' },
    nulByte: { line: zeekRow(0, { uri: '/a\0b' }), reason: 'NUL byte in the record' },
  },
  injection: {
    line: zeekRow(7, { uri: `/${SCRIPT}`, agent: FORMULA }),
    stored: (s) => [s.path, s.userAgent],
    expected: [`/${SCRIPT}`, FORMULA],
  },
  unterminatedQuote: { line: zeekRow(1, { uri: '/"item' }), stored: 4, quarantined: [] },
};

const eveRow = (i: number, f: { src?: unknown; url?: string; status?: number; type?: string } = {}) =>
  JSON.stringify({
    timestamp: new Date(1_700_000_000_000 + i).toISOString().replace('Z', '+0000'),
    flow_id: 1000 + i,
    event_type: f.type ?? 'http',
    src_ip: 'src' in f ? f.src : ip(i),
    src_port: 40000 + (i % 20000),
    dest_ip: '10.0.0.1',
    dest_port: 80,
    proto: 'TCP',
    tx_id: 0,
    http: {
      hostname: 'www.example.com',
      url: f.url ?? `/item/${i}`,
      http_user_agent: 'Mozilla/5.0',
      http_method: 'GET',
      protocol: 'HTTP/1.1',
      status: f.status ?? 200,
      length: 512,
    },
  });

export const suricataSpec: FormatSpec = {
  format: 'suricata-eve',
  fileName: 'eve.json',
  header: null,
  good: (i) => eveRow(i),
  bad: {
    invalidJson: { line: eveRow(0).slice(0, -5), reason: /^invalid JSON: / },
    notObject: { line: '["not", "an", "event"]', reason: 'not a JSON object (found an array)' },
    invalidUtf8: {
      line: withBadBytes(eveRow(0, { url: '/URL' }), 'URL'),
      reason: 'invalid UTF-8 bytes in the record',
    },
    invalidIp: { line: eveRow(0, { src: '1.2.3' }), reason: 'src_ip: not an IP address: 1.2.3' },
    negativeNumber: { line: eveRow(0, { status: -5 }), reason: 'http.status: negative (-5)' },
    bigField: { line: eveRow(0, { url: BIG }), reason: 'http.url: longer than 65536 characters' },
    nulByte: { line: eveRow(0, { url: '/a\0b' }), reason: 'http.url: contains a NUL byte' },
    notTraffic: {
      line: JSON.stringify({ timestamp: '2024-02-12T10:00:00.000000+0000', event_type: 'stats', stats: {} }),
      reason: 'event_type stats: not a network event (no src_ip), so not a session',
    },
  },
  injection: {
    line: eveRow(7, { url: `/${SCRIPT}?${FORMULA}` }),
    stored: (s) => [s.path, s.query],
    expected: [`/${SCRIPT}`, FORMULA],
  },
  unterminatedQuote: {
    line: eveRow(1).replace('"/item/1"', '"/item/1'),
    stored: 3,
    quarantined: [[1, /^invalid JSON: /]],
  },
};

export const WEB_SPECS: FormatSpec[] = [combinedSpec, albSpec, cloudfrontSpec, zeekHttpSpec, suricataSpec];
