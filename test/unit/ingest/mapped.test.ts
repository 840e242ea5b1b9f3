import { describe, expect, it } from 'vitest';
import { mappedCsv, mappedJsonl } from '../../../src-main/core/ingest/formats/mapped.js';
import { MappingPreset } from '../../../src-shared/domain.js';
import { fixture, fixturePreset } from './fixtures.js';
import { attrsOf, parseText } from './parse-text.js';

const proxy = fixturePreset('proxy-preset.json');

describe('mapped-csv', () => {
  it('maps named columns (case-insensitively), keeps the rest as attrs, and sets end = start', () => {
    const { rows, bads } = parseText('mapped-csv', fixture('proxy.csv'), { preset: proxy });
    expect(bads).toEqual([]);
    expect(rows[0]).toEqual({
      startTs: Date.parse('2024-05-01T10:00:00Z'),
      endTs: Date.parse('2024-05-01T10:00:00Z'),
      srcIp: '10.1.2.3',
      dstIp: '93.184.216.34',
      srcPort: null,
      dstPort: 443,
      protocol: null,
      bytesIn: 20480,
      bytesOut: 512,
      packets: null,
      responseCode: 200,
      country: null,
      asn: null,
      ruleName: null,
      detectionType: null,
      action: null,
      label: 'benign',
      attrs: '{"method":"GET","url":"https://example.com/"}',
      line: 2,
    });
    expect(rows[1]).toMatchObject({
      startTs: Date.parse('2024-05-01T08:00:05Z'),
      bytesOut: 1048576,
      detectionType: 'exfiltration',
      label: 'malicious',
      attrs: '{"method":"POST","url":"http://203.0.113.9:8080/upload?a=1,b=2"}',
    });
  });

  it('reads an end column when the preset names one, and checks it', () => {
    const preset = MappingPreset.parse({
      name: 'p',
      format: 'mapped-csv',
      columns: { srcIp: 'ip', start: 'from', end: 'to' },
    });
    const text =
      'ip,from,to\n10.0.0.1,1700000000,1700000009\n10.0.0.1,1700000000,1699999999\n10.0.0.1,1700000000,-\n';
    const { rows, bads } = parseText('mapped-csv', text, { preset });
    expect(rows.map((r) => [r.line, r.startTs, r.endTs])).toEqual([
      [2, 1700000000000, 1700000009000],
      [4, 1700000000000, 1700000000000],
    ]);
    expect(bads.map((b) => [b.line, b.reason])).toEqual([
      [3, 'end before start (2023-11-14T22:13:19.000Z < 2023-11-14T22:13:20.000Z)'],
    ]);
  });

  it('names the analyst’s column in quarantine reasons', () => {
    const text = `${fixture('proxy.csv').split('\n')[0]}\nnot-a-time,10.1.2.3,1.1.1.1,443,GET,/,200,1,2,benign,\n2024-05-01T10:00:00Z,10.1.2.3,1.1.1.1,99999,GET,/,200,1,2,x,\n2024-05-01T10:00:00Z,10.1.2.3,1.1.1.1,443,GET,/,200,-7,2,x,\n`;
    const { bads } = parseText('mapped-csv', text, { preset: proxy });
    expect(bads.map((b) => [b.line, b.reason])).toEqual([
      [2, 'time: not a timestamp: not-a-time'],
      [3, 'server_port: port out of range (99999)'],
      [4, 'sent: negative (-7)'],
    ]);
  });

  it('enforces the preset’s timestamp format', () => {
    const preset = MappingPreset.parse({ ...proxy, timestampFormat: 'epoch-ms' });
    const { rows, bads } = parseText('mapped-csv', fixture('proxy.csv'), { preset });
    expect(rows).toEqual([]);
    expect(bads[0]!.reason).toBe('time: expected epoch-ms timestamp: 2024-05-01T10:00:00Z');
  });

  it('fails the import when the header lacks a mapped column, naming it and the preset', () => {
    expect(() =>
      parseText('mapped-csv', 'time,client_ip\n2024-05-01T10:00:00Z,10.0.0.1\n', { preset: proxy }),
    ).toThrow(
      'The CSV header lacks "server_ip", "server_port", "received", "sent", "status", "category", "verdict", named by mapping preset "proxy-csv"',
    );
  });

  it('refuses to start without a preset, and is never auto-detected', () => {
    expect(() => mappedCsv.createParser({})).toThrow(
      /mapped-csv format needs a mapping preset .*vigil preset save/,
    );
    expect(() => mappedJsonl.createParser({})).toThrow(/mapped-jsonl format needs a mapping preset/);
    expect(mappedCsv.detect(fixture('proxy.csv'), 'proxy.csv')).toBe(0);
    expect(mappedJsonl.detect(fixture('zeek-conn.jsonl'), 'conn.log')).toBe(0);
  });
});

describe('mapped-jsonl', () => {
  it('reads literal keys that contain dots (Zeek) before trying them as paths, epoch seconds with fractions', () => {
    const { rows, bads } = parseText('mapped-jsonl', fixture('zeek-conn.jsonl'), {
      preset: fixturePreset('zeek-preset.json'),
    });
    expect(bads).toEqual([]);
    expect(rows[0]).toEqual({
      startTs: 1591367999306,
      endTs: 1591367999306,
      srcIp: '192.168.4.76',
      dstIp: '192.168.4.1',
      srcPort: 36844,
      dstPort: 53,
      protocol: 'udp',
      bytesIn: 141,
      bytesOut: 62,
      packets: 2,
      responseCode: null,
      country: null,
      asn: null,
      ruleName: null,
      detectionType: null,
      action: null,
      label: null,
      attrs: JSON.stringify({
        uid: 'CMdzit1AMNsmfAIiQc',
        service: 'dns',
        duration: '0.066851',
        conn_state: 'SF',
        missed_bytes: '0',
        history: 'Dd',
        orig_ip_bytes: '118',
        resp_pkts: '2',
        resp_ip_bytes: '197',
      }),
      line: 1,
    });
    expect(rows[1]).toMatchObject({ dstIp: '31.3.245.133', dstPort: 80, protocol: 'tcp', line: 2 });
  });

  it('follows dotted paths into nested objects and flattens the unmapped rest', () => {
    const { rows, bads } = parseText('mapped-jsonl', fixture('ecs-events.jsonl'), {
      preset: fixturePreset('ecs-preset.json'),
    });
    expect(bads).toEqual([]);
    expect(rows[0]).toMatchObject({
      startTs: Date.parse('2024-06-01T12:00:00.250Z'),
      endTs: Date.parse('2024-06-01T12:00:03Z'),
      srcIp: '198.51.100.20',
      srcPort: 51234,
      dstIp: '10.0.0.5',
      dstPort: 22,
      protocol: 'tcp',
      bytesOut: 1500,
      country: 'NL',
      ruleName: 'ssh-bruteforce',
      action: 'denied',
    });
    expect(attrsOf(rows[0]!)).toEqual({ 'event.category': '["network"]', tags: '["edge","fw-1"]' });
  });

  it('quarantines values of the wrong JSON type with the key named', () => {
    const preset = fixturePreset('ecs-preset.json');
    const base = JSON.parse(fixture('ecs-events.jsonl')) as Record<string, Record<string, unknown>>;
    const variant = (path: [string, string], value: unknown) =>
      JSON.stringify({ ...base, [path[0]]: { ...base[path[0]], [path[1]]: value } });
    const lines = [
      variant(['source', 'ip'], ['198.51.100.20']),
      variant(['source', 'port'], '443x'),
      variant(['network', 'bytes'], 1.5),
      variant(['network', 'bytes'], true),
      variant(['event', 'end'], '2024-06-01T11:00:00Z'),
      variant(['source', 'ip'], undefined),
    ];
    const { rows, bads } = parseText('mapped-jsonl', lines.join('\n'), { preset });
    expect(rows).toEqual([]);
    expect(bads.map((b) => b.reason)).toEqual([
      'source.ip: not an IP address (found an array)',
      'source.port: not a whole number: 443x',
      'network.bytes: not a whole number: 1.5',
      'network.bytes: expected a number, found a boolean',
      'end before start (2024-06-01T11:00:00.000Z < 2024-06-01T12:00:00.250Z)',
      'source.ip: missing',
    ]);
  });
});
