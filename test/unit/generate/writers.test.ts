import { describe, expect, it } from 'vitest';
import { buildServers } from '../../../src-main/core/generate/population.js';
import { Rng } from '../../../src-main/core/generate/rng.js';
import {
  BENIGN,
  BRUTE_FORCE,
  LABELS,
  PORT_SCAN,
  type Session,
} from '../../../src-main/core/generate/session.js';
import type { FormatWriter } from '../../../src-main/core/generate/writers/format-writer.js';
import { createWriter } from '../../../src-main/core/generate/writers/index.js';

const servers = buildServers(new Rng(1, 'servers'));
const context = { seed: 1, servers };

function session(overrides: Partial<Session> = {}): Session {
  return {
    start: Date.UTC(2024, 3, 25, 23, 0, 0, 250),
    duration: 600_000,
    srcIp: '147.161.161.82',
    country: 'AE',
    server: 0,
    dstPort: 443,
    protocol: 'HTTPS',
    udp: false,
    bytesIn: 5602,
    bytesOut: 12990,
    responseCode: 200,
    kind: BENIGN,
    sourceKey: 3,
    ...overrides,
  };
}

function lines(writer: FormatWriter, s: Session) {
  const out: { line: string; label: string | null }[] = [];
  writer.write(s, {
    record: (line, kind) => out.push({ line, label: LABELS[kind]! }),
    other: (line) => out.push({ line, label: null }),
  });
  return out;
}

describe('cloudwatch-csv writer', () => {
  it('writes the sample’s 16 columns in its order and style, then the label', () => {
    const writer = createWriter('cloudwatch-csv', context);
    expect(writer.header).toBe(
      'bytes_in,bytes_out,creation_time,end_time,src_ip,src_ip_country_code,protocol,response.code,dst_port,dst_ip,rule_names,observation_name,source.meta,source.name,time,detection_types,label',
    );
    const [only] = lines(writer, session());
    const f = only!.line.split(',');
    expect(f).toHaveLength(17);
    expect(f.slice(0, 10)).toEqual([
      '5602',
      '12990',
      '2024-04-25T23:00:00Z',
      '2024-04-25T23:10:00Z',
      '147.161.161.82',
      'AE',
      'HTTPS',
      '200',
      '443',
      '10.138.69.97',
    ]);
    expect(f.slice(12)).toEqual(['AWS_VPC_Flow', 'prod_webserver', '2024-04-25T23:00:00Z', f[15], 'benign']);
  });

  it('varies detection_types a little, never to the label itself', () => {
    const writer = createWriter('cloudwatch-csv', context);
    const seen = new Map<string, Set<string>>();
    for (const kind of [BENIGN, PORT_SCAN, BRUTE_FORCE]) {
      for (let i = 0; i < 2000; i++) {
        const f = lines(writer, session({ kind }))[0]!.line.split(',');
        const detection = f.at(-2)!;
        expect(LABELS).not.toContain(detection);
        if (!seen.has(detection)) seen.set(detection, new Set());
        seen.get(detection)!.add(LABELS[kind]!);
      }
    }
    expect(seen.get('waf_rule')).toEqual(new Set(['benign', 'port_scan', 'brute_force']));
    expect(seen.size).toBeGreaterThan(2);
  });
});

describe('vpc-flow writer', () => {
  it('logs an answered session as two v2 records, one per direction, on the server’s interface', () => {
    const writer = createWriter('vpc-flow', context);
    const [request, response] = lines(writer, session({ kind: BRUTE_FORCE, dstPort: 22, protocol: 'SSH' }));
    const a = request!.line.split(' ');
    const b = response!.line.split(' ');
    expect(a).toHaveLength(14);
    expect(a.slice(0, 5)).toEqual(['2', '123456789012', servers[0]!.eni, '147.161.161.82', '10.138.69.97']);
    expect(a.slice(6, 8)).toEqual(['22', '6']);
    expect(a.slice(9)).toEqual(['5602', '1714086000', '1714086600', 'ACCEPT', 'OK']);
    expect(b.slice(3, 7)).toEqual(['10.138.69.97', '147.161.161.82', '22', a[5]]);
    expect(b.slice(9)).toEqual(['12990', '1714086000', '1714086600', 'ACCEPT', 'OK']);
    expect(Number(a[8])).toBeGreaterThanOrEqual(1);
    expect([request!.label, response!.label]).toEqual(['brute_force', 'brute_force']);
  });

  it('logs a probe to a closed port as one REJECT record, UDP as protocol 17', () => {
    const writer = createWriter('vpc-flow', context);
    const tcp = lines(writer, session({ kind: PORT_SCAN, dstPort: 3306, bytesIn: 44, duration: 0 }));
    expect(tcp).toHaveLength(1);
    expect(tcp[0]!.line).toMatch(/ 3306 6 1 44 1714086000 1714086000 REJECT OK$/);
    const udp = lines(
      writer,
      session({ kind: PORT_SCAN, dstPort: 161, udp: true, bytesIn: 30, duration: 0 }),
    );
    expect(udp[0]!.line.split(' ')[7]).toBe('17');
  });

  it('slips in an unlabelled NODATA record now and then', () => {
    const writer = createWriter('vpc-flow', context);
    const nodata: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      for (const { line, label } of lines(writer, session())) if (label === null) nodata.push(line);
    }
    expect(nodata.length).toBeGreaterThanOrEqual(2);
    for (const line of nodata)
      expect(line).toMatch(/^2 123456789012 eni-[0-9a-f]{17}( -){7} \d+ \d+ - NODATA$/);
  });
});

describe('waf-json writer', () => {
  it('writes one WAF log object per session with the fields AWS logs', () => {
    const writer = createWriter('waf-json', context);
    expect(writer.header).toBeNull();
    const [only] = lines(writer, session());
    const record = JSON.parse(only!.line);
    expect(record).toMatchObject({
      timestamp: Date.UTC(2024, 3, 25, 23, 0, 0, 250),
      formatVersion: 1,
      httpSourceName: 'ALB',
      httpRequest: { clientIp: '147.161.161.82', country: 'AE' },
    });
    expect(record.webaclId).toMatch(/^arn:aws:wafv2:us-east-1:123456789012:regional\/webacl\//);
    expect(['ALLOW', 'BLOCK']).toContain(record.action);
    expect(typeof record.terminatingRuleId).toBe('string');
    expect(typeof record.terminatingRuleType).toBe('string');
    const request = record.httpRequest;
    expect(request.headers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Host' }),
        expect.objectContaining({ name: 'User-Agent' }),
      ]),
    );
    expect(request.uri).toMatch(/^\//);
    expect(typeof request.args).toBe('string');
    expect(request.httpVersion).toMatch(/^HTTP\/[123]\.[01]$/);
    expect(['GET', 'POST', 'HEAD']).toContain(request.httpMethod);
    expect(request.requestId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('sends scanners’ hostile payloads as valid JSON that parses back to the raw text', () => {
    const writer = createWriter('waf-json', context);
    const uris = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const record = JSON.parse(lines(writer, session({ kind: PORT_SCAN, dstPort: 8080 }))[0]!.line);
      uris.add(record.httpRequest.uri);
      expect(record.httpRequest.headers[0].value).toBe('10.138.69.97:8080');
    }
    expect([...uris].some((uri) => uri.includes('<svg onload=alert(1)>'))).toBe(true);
    expect([...uris].some((uri) => uri.includes('\u202e'))).toBe(true);
    expect(uris.has('/.env')).toBe(true);
  });
});
