import { describe, expect, it } from 'vitest';
import { vpcFlow } from '../../../src-main/core/ingest/formats/vpc-flow.js';
import { fixture } from './fixtures.js';
import { attrsOf, parseText } from './parse-text.js';

const HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const record = (
  fields: Partial<
    Record<'src' | 'dst' | 'proto' | 'bytes' | 'start' | 'end' | 'action' | 'status', string>
  > = {},
) =>
  [
    '2',
    '123456789010',
    'eni-0a1b2c3d',
    fields.src ?? '10.0.0.1',
    fields.dst ?? '10.0.0.2',
    '44321',
    '443',
    fields.proto ?? '6',
    '10',
    fields.bytes ?? '840',
    fields.start ?? '1700000000',
    fields.end ?? '1700000060',
    fields.action ?? 'ACCEPT',
    fields.status ?? 'OK',
  ].join(' ');

describe('vpc-flow: default version 2 format', () => {
  const parsed = parseText('vpc-flow', fixture('vpc-flow-default.log'));

  it('normalizes every flow with exact fields', () => {
    expect(parsed.rows).toHaveLength(4);
    expect(parsed.rows[0]).toEqual({
      startTs: 1418530010000,
      endTs: 1418530070000,
      srcIp: '172.31.16.139',
      dstIp: '172.31.16.21',
      srcPort: 20641,
      dstPort: 22,
      protocol: 'tcp',
      bytesIn: null,
      bytesOut: 4249,
      packets: 20,
      responseCode: null,
      country: null,
      asn: null,
      ruleName: null,
      detectionType: null,
      action: 'ACCEPT',
      label: null,
      attrs: '{"version":"2","account-id":"123456789010","interface-id":"eni-1235b8ca123456789"}',
      line: 2,
    });
    expect(parsed.rows[1]).toMatchObject({
      srcIp: '172.31.9.69',
      dstPort: 3389,
      action: 'REJECT',
      detectionType: null,
      line: 3,
    });
    expect(parsed.rows[2]).toMatchObject({
      protocol: 'icmp',
      srcPort: 0,
      dstPort: 0,
      bytesOut: 336,
      line: 6,
    });
    expect(parsed.rows[3]).toMatchObject({
      srcIp: '2001:db8:1234:a100:8d6e:3477:df66:f105',
      dstIp: '2001:db8:1234:a102:3304:8879:34cf:4071',
      line: 7,
    });
  });

  it('quarantines NODATA and SKIPDATA windows with reasons that say what they mean', () => {
    expect(parsed.bads.map((b) => b.line)).toEqual([4, 5]);
    expect(parsed.bads[0]!.reason).toMatch(/^log-status NODATA: no network traffic .*nothing was lost/);
    expect(parsed.bads[1]!.reason).toMatch(
      /^log-status SKIPDATA: AWS skipped flow records .*missing from the log/,
    );
    expect(parsed.bads[1]!.raw).toContain('eni-11111111aaaaaaaaa');
  });

  it('reads the same records without the header line', () => {
    const body = fixture('vpc-flow-default.log').split('\n').slice(1).join('\n');
    const headerless = parseText('vpc-flow', body);
    expect(headerless.rows.map((r) => ({ ...r, line: r.line + 1 }))).toEqual(parsed.rows);
    expect(headerless.bads.map((b) => b.line)).toEqual([3, 4]);
  });

  it('gives the same result however the text is chunked', () => {
    const text = fixture('vpc-flow-default.log');
    for (const chunk of [1, 7, 64]) expect(parseText('vpc-flow', text, { chunk })).toEqual(parsed);
  });

  it('maps IANA protocol numbers to names and keeps unknown ones as the number', () => {
    const protos = ['6', '17', '1', '58', '47', '50', '132', '253', '-'];
    const text = protos.map((proto, i) => record({ proto, start: String(1700000000 + i) })).join('\n');
    const { rows, bads } = parseText('vpc-flow', text);
    expect(bads).toEqual([]);
    expect(rows.map((r) => r.protocol)).toEqual([
      'tcp',
      'udp',
      'icmp',
      'icmpv6',
      'gre',
      'esp',
      'sctp',
      '253',
      null,
    ]);
  });

  it('quarantines each malformed field with a reason naming it', () => {
    const lines = [
      record({ proto: '256' }),
      record({ bytes: '-5' }),
      record({ end: '1699999999' }),
      record({ src: '10.0.0.999' }),
      record({ action: 'DROP' }),
      record({ status: 'PARTIAL' }),
      record({ start: '17e8' }),
      record().replace(/^2 /, '3 '),
      `${record()} extra`,
      record({ src: '-' }),
    ];
    const { rows, bads } = parseText('vpc-flow', lines.join('\n'));
    expect(rows).toEqual([]);
    expect(bads.map((b) => [b.line, b.reason])).toEqual([
      [1, 'protocol: not an IANA protocol number (0-255): 256'],
      [2, 'bytes: negative (-5)'],
      [3, 'end before start (2023-11-14T22:13:19.000Z < 2023-11-14T22:13:20.000Z)'],
      [4, 'srcaddr: not an IP address: 10.0.0.999'],
      [5, 'action: expected ACCEPT or REJECT, found DROP'],
      [6, 'log-status: expected OK, NODATA or SKIPDATA, found PARTIAL'],
      [7, 'start: not an epoch-seconds timestamp: 17e8'],
      [8, 'version: the default format is version 2, found 3; a custom format needs its header line'],
      [9, 'expected 14 fields (default version 2 format; a custom format needs its header line), found 15'],
      [10, 'srcaddr: missing'],
    ]);
    expect(bads[1]!.raw).toBe(lines[1]);
  });

  it('reads a CloudWatch Logs export, whose lines start with the event time', () => {
    const text = `2023-11-14T22:14:05.000Z ${record()}\n2023-11-14T22:14:05.000Z ${record({ start: '1700000001' })}\n`;
    const { rows, bads } = parseText('vpc-flow', text);
    expect(bads).toEqual([]);
    expect(rows.map((r) => [r.line, r.startTs, r.srcIp])).toEqual([
      [1, 1700000000000, '10.0.0.1'],
      [2, 1700000001000, '10.0.0.1'],
    ]);
    expect(vpcFlow.detect(text, 'export.gz')).toBeCloseTo(0.95);
  });

  it('tolerates runs of spaces, tabs and trailing blanks, and skips blank lines', () => {
    const messy = `${record().replaceAll(' ', '  ')}\n\n   \n${record({ start: '1700000001' }).replaceAll(' ', '\t')}\t\n`;
    const { rows, bads } = parseText('vpc-flow', messy);
    expect(bads).toEqual([]);
    expect(rows.map((r) => [r.line, r.srcIp, r.bytesOut])).toEqual([
      [1, '10.0.0.1', 840],
      [4, '10.0.0.1', 840],
    ]);
  });
});

describe('vpc-flow: custom formats named by a header', () => {
  it('reads v3-v5 fields in any order; pkt-* and the rest go to attrs, "-" is left out', () => {
    const { rows, bads } = parseText('vpc-flow', fixture('vpc-flow-custom-v5.log'));
    expect(bads).toEqual([]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      srcIp: '10.40.1.175',
      dstIp: '10.40.2.236',
      srcPort: 39812,
      dstPort: 80,
      protocol: 'tcp',
      bytesOut: 3612,
      packets: 18,
      startTs: 1566848875000,
      endTs: 1566848933000,
      action: 'ACCEPT',
      line: 2,
    });
    expect(attrsOf(rows[0]!)).toEqual({
      version: '5',
      'vpc-id': 'vpc-abcdefab012345678',
      'subnet-id': 'subnet-aaaaaaaa012345678',
      'interface-id': 'eni-1235b8ca123456789',
      'account-id': '123456789010',
      type: 'IPv4',
      'pkt-srcaddr': '10.20.33.164',
      'pkt-dstaddr': '10.40.2.236',
      'tcp-flags': '3',
      region: 'us-east-1',
      'az-id': 'use1-az4',
      'flow-direction': 'ingress',
    });
    expect(attrsOf(rows[1]!)).toMatchObject({
      'instance-id': 'i-01234567890123456',
      'pkt-dst-aws-service': 'S3',
      'traffic-path': '8',
    });
    expect(rows[2]).toMatchObject({ srcIp: '198.51.100.7', dstPort: 23, action: 'REJECT' });
  });

  it('uses pkt-srcaddr as the source when the format has no srcaddr, and end = start without end', () => {
    const text = 'start pkt-srcaddr pkt-dstaddr action\n1700000000 203.0.113.5 10.0.0.9 REJECT\n';
    const { rows, bads } = parseText('vpc-flow', text);
    expect(bads).toEqual([]);
    expect(rows[0]).toMatchObject({
      srcIp: '203.0.113.5',
      startTs: 1700000000000,
      endTs: 1700000000000,
      attrs: '{"pkt-dstaddr":"10.0.0.9"}',
    });
  });

  it('counts fields against the header and says so', () => {
    const { bads } = parseText('vpc-flow', 'srcaddr start end\n10.0.0.1 1700000000\n');
    expect(bads).toEqual([
      {
        line: 2,
        raw: '10.0.0.1 1700000000',
        reason: 'expected 3 fields (as named by the header on line 1), found 2',
      },
    ]);
  });

  it('switches layout at a header repeated mid-file (concatenated logs)', () => {
    const text = `${HEADER}\n${record()}\nstart srcaddr bytes\n1700000100 10.9.9.9 77\n`;
    const { rows, bads } = parseText('vpc-flow', text);
    expect(bads).toEqual([]);
    expect(rows.map((r) => [r.line, r.srcIp, r.bytesOut])).toEqual([
      [2, '10.0.0.1', 840],
      [4, '10.9.9.9', 77],
    ]);
  });

  it('fails the whole import when the header has no start or no source address', () => {
    expect(() => parseText('vpc-flow', 'srcaddr dstaddr bytes\n1.1.1.1 2.2.2.2 5\n')).toThrow(
      /has no "start" field/,
    );
    expect(() => parseText('vpc-flow', 'start dstaddr bytes\n1700000000 2.2.2.2 5\n')).toThrow(
      /neither "srcaddr" nor "pkt-srcaddr"/,
    );
  });
});

describe('vpc-flow: detection', () => {
  it('is certain of the documented header and confident of headerless version 2 records', () => {
    expect(vpcFlow.detect(fixture('vpc-flow-default.log'), 'flows.log')).toBe(1);
    expect(vpcFlow.detect(fixture('vpc-flow-custom-v5.log'), 'flows.log')).toBe(0.9);
    const body = fixture('vpc-flow-default.log').split('\n').slice(1).join('\n');
    expect(vpcFlow.detect(body, 'x')).toBeCloseTo(0.95);
  });

  it('does not claim other formats', () => {
    expect(vpcFlow.detect(fixture('cloudwatch.csv'), 'a.csv')).toBe(0);
    expect(vpcFlow.detect(fixture('waf.jsonl'), 'a.log')).toBe(0);
    expect(vpcFlow.detect('', 'a.log')).toBe(0);
  });
});
