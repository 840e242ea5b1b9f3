// One description per importer of what valid and hostile input looks like in its syntax, and the
// quarantine reason each hostile record must get. hostile.test.ts runs the same cases for all.
import { expect } from 'vitest';
import { type FormatId, MappingPreset, type Session } from '../../../src-shared/domain.js';

export const SCRIPT = '<script>alert(1)</script>';
export const FORMULA = "=cmd|' /C calc'!A0";
export const BIG = 'A'.repeat(1_000_000);
const BAD_UTF8 = Buffer.from([0xff, 0xfe, 0xc3, 0x28]);

export interface HostileRecord {
  line: string | Buffer;
  reason: string | RegExp;
}

export interface FormatSpec {
  format: FormatId;
  fileName: string;
  preset?: MappingPreset;
  header: string | null;
  /** A valid record; distinct for each i so none is a duplicate of another. */
  good(i: number): string;
  /** Records carry the id of their event (good(i) twice is one event), else an exact repeat is another event. */
  namesEvents?: true;
  /** Records that must be quarantined with `reason` and must not disturb their neighbours. */
  bad: Record<string, HostileRecord>;
  /** A record carrying SCRIPT and FORMULA in text fields; `stored` picks them back out of the session. */
  injection: { line: string; stored(session: Session): unknown[]; expected: string[] };
  /** good(1) with a quote never closed, in records good(0), it, good(2), good(3): rows stored, and
   * the quarantined records by their 0-based position among those four records. */
  unterminatedQuote: { line: string; stored: number; quarantined: [recordIndex: number, reason: RegExp][] };
}

/** Bytes with invalid UTF-8 spliced into `text` at `marker`. */
export function withBadBytes(text: string, marker: string): Buffer {
  const at = text.indexOf(marker);
  return Buffer.concat([
    Buffer.from(text.slice(0, at)),
    BAD_UTF8,
    Buffer.from(text.slice(at + marker.length)),
  ]);
}

const ip = (i: number) => `198.51.${(i >> 8) & 255}.${i & 255}`;

const cloudwatchRow = (
  i: number,
  f: Partial<Record<'bytesIn' | 'start' | 'end' | 'src' | 'rule' | 'type', string>> = {},
) =>
  [
    f.bytesIn ?? String(1000 + i),
    '12990',
    f.start ?? '2024-04-25T23:00:00Z',
    f.end ?? '2024-04-25T23:10:00Z',
    f.src ?? ip(i),
    'AE',
    'HTTPS',
    '200',
    '443',
    '10.138.69.97',
    f.rule ?? 'Suspicious Web Traffic',
    'Adversary Infrastructure Interaction',
    'AWS_VPC_Flow',
    'prod_webserver',
    '2024-04-25T23:00:00Z',
    f.type ?? 'waf_rule',
  ].join(',');

export const cloudwatch: FormatSpec = {
  format: 'cloudwatch-csv',
  fileName: 'web-attacks.csv',
  header:
    'bytes_in,bytes_out,creation_time,end_time,src_ip,src_ip_country_code,protocol,response.code,dst_port,dst_ip,rule_names,observation_name,source.meta,source.name,time,detection_types',
  good: (i) => cloudwatchRow(i),
  bad: {
    fieldCount: { line: `${cloudwatchRow(0)},surplus`, reason: 'expected 16 fields, found 17' },
    invalidUtf8: {
      line: withBadBytes(cloudwatchRow(0, { rule: 'RULE' }), 'RULE'),
      reason: 'rule_names: invalid UTF-8',
    },
    negativeBytes: { line: cloudwatchRow(0, { bytesIn: '-5' }), reason: 'bytes_in: negative (-5)' },
    endBeforeStart: {
      line: cloudwatchRow(0, { end: '2024-04-25T22:00:00Z' }),
      reason: 'end before start (2024-04-25T22:00:00.000Z < 2024-04-25T23:00:00.000Z)',
    },
    invalidIp: {
      line: cloudwatchRow(0, { src: '256.1.1.1' }),
      reason: 'src_ip: not an IP address: 256.1.1.1',
    },
    bigField: { line: cloudwatchRow(0, { rule: BIG }), reason: 'rule_names: longer than 65536 characters' },
    // NUL bytes are quarantined, never stripped (README: Every row is accounted for).
    nulByte: {
      line: cloudwatchRow(0, { rule: 'Suspicious\0Traffic' }),
      reason: 'rule_names: contains a NUL byte',
    },
    nulInExtra: {
      line: cloudwatchRow(0).replace('prod_webserver', 'prod\0webserver'),
      reason: 'extra column: contains a NUL byte',
    },
  },
  injection: {
    line: cloudwatchRow(7, { rule: SCRIPT, type: FORMULA }),
    stored: (s) => [s.ruleName, s.detectionType],
    expected: [SCRIPT, FORMULA],
  },
  unterminatedQuote: {
    line: cloudwatchRow(1, { rule: '"Suspicious Web Traffic' }),
    stored: 3,
    quarantined: [[1, /^unterminated quoted field: no closing quote before the end of the file$/]],
  },
};

const vpcRow = (i: number, f: Partial<Record<'eni' | 'src' | 'bytes' | 'start' | 'end', string>> = {}) =>
  [
    '2',
    '123456789010',
    f.eni ?? 'eni-0a1b2c3d4e5f67890',
    f.src ?? ip(i),
    '10.0.1.20',
    String(1024 + (i % 60_000)),
    '443',
    '6',
    '10',
    f.bytes ?? String(500 + i),
    f.start ?? String(1_700_000_000 + i),
    f.end ?? String(1_700_000_060 + i),
    'ACCEPT',
    'OK',
  ].join(' ');

export const vpc: FormatSpec = {
  format: 'vpc-flow',
  fileName: 'flows.log',
  header:
    'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status',
  good: (i) => vpcRow(i),
  bad: {
    fieldCount: { line: vpcRow(0).replace(' 443 ', ' '), reason: /^expected 14 fields \(.*\), found 13$/ },
    invalidUtf8: {
      line: withBadBytes(vpcRow(0, { eni: 'ENI' }), 'ENI'),
      reason: 'invalid UTF-8 bytes in the record',
    },
    negativeBytes: { line: vpcRow(0, { bytes: '-5' }), reason: 'bytes: negative (-5)' },
    endBeforeStart: {
      line: vpcRow(0, { start: '1700000100', end: '1700000000' }),
      reason: 'end before start (2023-11-14T22:13:20.000Z < 2023-11-14T22:15:00.000Z)',
    },
    invalidIp: { line: vpcRow(0, { src: '10.0.0.300' }), reason: 'srcaddr: not an IP address: 10.0.0.300' },
    bigField: { line: vpcRow(0, { eni: BIG }), reason: 'interface-id: longer than 65536 characters' },
    nulByte: { line: vpcRow(0, { eni: 'eni-0a1b\0c' }), reason: 'NUL byte in the record' },
    nodata: {
      line: '2 123456789010 eni-0a1b2c3d4e5f67890 - - - - - - - 1700000000 1700000060 - NODATA',
      reason: /^log-status NODATA: no network traffic/,
    },
    skipdata: {
      line: '2 123456789010 eni-0a1b2c3d4e5f67890 - - - - - - - 1700000000 1700000060 - SKIPDATA',
      reason: /^log-status SKIPDATA: .*missing from the log$/,
    },
  },
  // Flow logs have no free-text field and split on spaces, so the payload sits in an id field.
  injection: {
    line: vpcRow(7, { eni: `${SCRIPT}${FORMULA.replaceAll(' ', '')}` }),
    stored: (s) => [s.attrs?.['interface-id']],
    expected: [`${SCRIPT}${FORMULA.replaceAll(' ', '')}`],
  },
  unterminatedQuote: { line: vpcRow(1, { eni: '"eni-0a1b' }), stored: 4, quarantined: [] },
};

/** A WAF record, unique per i (its request id too). */
export const wafRow = (
  i: number,
  f: { clientIp?: unknown; uri?: string; rule?: string; ua?: string; code?: number } = {},
) =>
  JSON.stringify({
    timestamp: 1_700_000_000_000 + i,
    formatVersion: 1,
    webaclId: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/prod/abc',
    terminatingRuleId: f.rule ?? 'AWS-AWSManagedRulesSQLiRuleSet',
    terminatingRuleType: 'MANAGED_RULE_GROUP',
    action: 'BLOCK',
    httpSourceName: 'ALB',
    ruleGroupList: [],
    responseCodeSent: f.code ?? 403,
    httpRequest: {
      clientIp: 'clientIp' in f ? f.clientIp : ip(i),
      country: 'BR',
      headers: [
        { name: 'Host', value: 'shop.example.com' },
        { name: 'User-Agent', value: f.ua ?? 'sqlmap/1.7' },
      ],
      uri: f.uri ?? '/products',
      args: "id=1' OR '1'='1",
      httpVersion: 'HTTP/1.1',
      httpMethod: 'GET',
      requestId: `req-${i}`,
    },
  });

export const waf: FormatSpec = {
  format: 'waf-json',
  fileName: 'waf.log',
  header: null,
  good: (i) => wafRow(i),
  namesEvents: true,
  bad: {
    invalidJson: { line: wafRow(0).slice(0, -5), reason: /^invalid JSON: / },
    notObject: { line: '["not", "a", "record"]', reason: 'not a JSON object (found an array)' },
    invalidUtf8: {
      line: withBadBytes(wafRow(0, { uri: '/URI' }), '/URI'),
      reason: 'invalid UTF-8 bytes in the record',
    },
    // WAF logs carry no byte counts: the negative number goes where the format has one.
    negativeNumber: { line: wafRow(0, { code: -5 }), reason: 'responseCodeSent: negative (-5)' },
    invalidIp: {
      line: wafRow(0, { clientIp: '1.2.3' }),
      reason: 'httpRequest.clientIp: not an IP address: 1.2.3',
    },
    missingIp: { line: wafRow(0, { clientIp: null }), reason: 'httpRequest.clientIp: missing' },
    bigField: { line: wafRow(0, { uri: BIG }), reason: 'httpRequest.uri: longer than 65536 characters' },
    // JSON carries a NUL as the escape \u0000; a raw one is invalid JSON.
    nulByte: { line: wafRow(0, { uri: '/a\0b' }), reason: 'httpRequest.uri: contains a NUL byte' },
    rawNulByte: { line: wafRow(0).replace('/products', '/pro\0ducts'), reason: /^invalid JSON: / },
  },
  injection: {
    line: wafRow(7, { uri: SCRIPT, rule: FORMULA }),
    stored: (s) => [s.path, s.ruleName, s.detectionType],
    expected: [SCRIPT, FORMULA, `BLOCK:${FORMULA}`],
  },
  unterminatedQuote: {
    line: wafRow(1).replace('"/products"', '"/products'),
    stored: 3,
    quarantined: [[1, /^invalid JSON: /]],
  },
};

export const csvPreset = MappingPreset.parse({
  name: 'fw-csv',
  format: 'mapped-csv',
  timestampFormat: 'iso',
  columns: {
    srcIp: 'client',
    dstIp: 'server',
    start: 'began',
    end: 'ended',
    bytesOut: 'sent',
    ruleName: 'rule',
    label: 'verdict',
  },
});

const mappedCsvRow = (
  i: number,
  f: Partial<Record<'client' | 'start' | 'end' | 'sent' | 'rule' | 'verdict', string>> = {},
) =>
  [
    f.start ?? new Date(1_700_000_000_000 + i * 1000).toISOString(),
    f.end ?? new Date(1_700_000_030_000 + i * 1000).toISOString(),
    f.client ?? ip(i),
    '10.0.0.80',
    f.sent ?? String(i),
    f.rule ?? 'allow-web',
    f.verdict ?? 'benign',
    'edge-1',
  ].join(',');

export const mappedCsvSpec: FormatSpec = {
  format: 'mapped-csv',
  fileName: 'firewall.csv',
  preset: csvPreset,
  header: 'began,ended,client,server,sent,rule,verdict,sensor',
  good: (i) => mappedCsvRow(i),
  bad: {
    fieldCount: { line: mappedCsvRow(0).replace(',edge-1', ''), reason: 'expected 8 fields, found 7' },
    invalidUtf8: {
      line: withBadBytes(mappedCsvRow(0, { rule: 'RULE' }), 'RULE'),
      reason: 'invalid UTF-8 bytes in the record',
    },
    negativeBytes: { line: mappedCsvRow(0, { sent: '-5' }), reason: 'sent: negative (-5)' },
    endBeforeStart: {
      line: mappedCsvRow(0, { start: '2024-01-01T00:00:10Z', end: '2024-01-01T00:00:00Z' }),
      reason: 'end before start (2024-01-01T00:00:00.000Z < 2024-01-01T00:00:10.000Z)',
    },
    invalidIp: {
      line: mappedCsvRow(0, { client: 'localhost' }),
      reason: 'client: not an IP address: localhost',
    },
    bigField: { line: mappedCsvRow(0, { verdict: BIG }), reason: 'verdict: longer than 65536 characters' },
    nulByte: { line: mappedCsvRow(0, { rule: 'allow\0web' }), reason: 'rule: contains a NUL byte' },
    nulInExtra: { line: mappedCsvRow(0).replace('edge-1', 'edge\0'), reason: 'sensor: contains a NUL byte' },
  },
  injection: {
    line: mappedCsvRow(7, { rule: SCRIPT, verdict: FORMULA }),
    stored: (s) => [s.ruleName, s.label],
    expected: [SCRIPT, FORMULA],
  },
  unterminatedQuote: {
    line: mappedCsvRow(1, { rule: '"allow-web' }),
    stored: 3,
    quarantined: [[1, /^unterminated quoted field: no closing quote before the end of the file$/]],
  },
};

export const jsonlPreset = MappingPreset.parse({
  name: 'edge-jsonl',
  format: 'mapped-jsonl',
  timestampFormat: 'epoch-s',
  columns: {
    srcIp: 'src.ip',
    dstIp: 'dst.ip',
    start: 'ts',
    end: 'ts_end',
    bytesOut: 'src.bytes',
    ruleName: 'rule',
    label: 'verdict',
  },
});

const jsonlRow = (
  i: number,
  f: { ip?: unknown; ts?: number; end?: number; bytes?: number; rule?: string; verdict?: string } = {},
) =>
  JSON.stringify({
    ts: f.ts ?? 1_700_000_000 + i,
    ts_end: f.end ?? 1_700_000_030 + i,
    src: { ip: f.ip ?? ip(i), bytes: f.bytes ?? i },
    dst: { ip: '10.0.0.80' },
    rule: f.rule ?? 'allow-web',
    verdict: f.verdict ?? 'benign',
    sensor: 'edge-1',
  });

export const mappedJsonlSpec: FormatSpec = {
  format: 'mapped-jsonl',
  fileName: 'edge.jsonl',
  preset: jsonlPreset,
  header: null,
  good: (i) => jsonlRow(i),
  bad: {
    invalidJson: { line: '{"ts": 1700000000, "src": {"ip": "1.1.1.1"}', reason: /^invalid JSON: / },
    notObject: { line: '42', reason: 'not a JSON object (found a number)' },
    invalidUtf8: {
      line: withBadBytes(jsonlRow(0, { rule: 'RULE' }), 'RULE'),
      reason: 'invalid UTF-8 bytes in the record',
    },
    negativeBytes: { line: jsonlRow(0, { bytes: -5 }), reason: 'src.bytes: negative (-5)' },
    endBeforeStart: {
      line: jsonlRow(0, { ts: 1_700_000_100, end: 1_700_000_000 }),
      reason: 'end before start (2023-11-14T22:13:20.000Z < 2023-11-14T22:15:00.000Z)',
    },
    invalidIp: {
      line: jsonlRow(0, { ip: '::ffff:1.2.3' }),
      reason: 'src.ip: not an IP address: ::ffff:1.2.3',
    },
    bigField: { line: jsonlRow(0, { verdict: BIG }), reason: 'verdict: longer than 65536 characters' },
    nulByte: { line: jsonlRow(0, { rule: 'allow\0web' }), reason: 'rule: contains a NUL byte' },
    nulInExtra: { line: jsonlRow(0).replace('edge-1', 'edge\\u0000'), reason: 'sensor: contains a NUL byte' },
  },
  injection: {
    line: jsonlRow(7, { rule: SCRIPT, verdict: FORMULA }),
    stored: (s) => [s.ruleName, s.label],
    expected: [SCRIPT, FORMULA],
  },
  unterminatedQuote: {
    line: jsonlRow(1).replace('"allow-web"', '"allow-web'),
    stored: 3,
    quarantined: [[1, /^invalid JSON: /]],
  },
};

export const SPECS: FormatSpec[] = [cloudwatch, vpc, waf, mappedCsvSpec, mappedJsonlSpec];

/** Asserts a quarantine reason against a spec's expectation (exact text, or a pattern). */
export function expectReason(actual: string, expected: string | RegExp): void {
  if (typeof expected === 'string') expect(actual).toBe(expected);
  else expect(actual).toMatch(expected);
}
