// Each importer end to end on realistic files: detection, exact stored fields, and the cases where
// an import must fail as a whole (and then keep nothing).
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { listImports } from '../../../src-main/core/db/imports.js';
import { countSessions } from '../../../src-main/core/db/sessions.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { fixture, fixturePath, fixturePreset } from '../../unit/ingest/fixtures.js';
import { expectReconciled, importFile, readBack, tempWorkspace } from './harness.js';
import { FORMULA } from './specs.js';

/** Runs an import that must fail; returns its message and checks that nothing of it was kept. */
async function expectFailedImport(
  ws: ReturnType<typeof tempWorkspace>,
  request: Parameters<typeof runImport>[1],
) {
  await expect(runImport(ws.db, { enrich: false, ...request })).rejects.toThrow();
  const [record] = listImports(ws.db);
  expect(record).toMatchObject({ status: 'failed', rowsRead: 0, stored: 0, quarantined: 0 });
  expect(countSessions(ws.db)).toBe(0);
  expect(readBack(ws.db, record!.id).quarantine).toEqual([]);
  return record!.message!;
}

describe('vpc-flow import', () => {
  it('detects a gzipped default-format log and stores flows with exact fields; NODATA/SKIPDATA quarantined', async () => {
    const ws = tempWorkspace();
    const file = ws.write('flows.log.gz', gzipSync(fixture('vpc-flow-default.log')));
    const result = await importFile(ws.db, { file });
    expect(result.record).toMatchObject({
      format: 'vpc-flow',
      status: 'done',
      rowsRead: 6,
      stored: 4,
      quarantined: 2,
      duplicates: 0,
    });
    expect(result.record.message).toBeNull();
    expectReconciled(result);
    expect(result.sessions[0]).toMatchObject({
      startTs: 1418530010000,
      endTs: 1418530070000,
      durationMs: 60_000,
      srcIp: '172.31.16.139',
      dstIp: '172.31.16.21',
      srcPort: 20641,
      dstPort: 22,
      protocol: 'tcp',
      bytesIn: null,
      bytesOut: 4249,
      packets: 20,
      action: 'ACCEPT',
      detectionType: null,
      rawLine: 2,
      attrs: { version: '2', 'account-id': '123456789010', 'interface-id': 'eni-1235b8ca123456789' },
    });
    expect(result.quarantine.map((q) => [q.line, q.reason.split(':')[0]])).toEqual([
      [4, 'log-status NODATA'],
      [5, 'log-status SKIPDATA'],
    ]);
    expect(result.quarantine[1]!.reason).toMatch(/missing from the log/);
  });

  it('reads a custom v5 format by its header', async () => {
    const ws = tempWorkspace();
    const result = await importFile(ws.db, { file: fixturePath('vpc-flow-custom-v5.log') });
    expect(result.record).toMatchObject({ format: 'vpc-flow', stored: 3, quarantined: 0 });
    expect(result.sessions[0]!.attrs).toMatchObject({
      'pkt-srcaddr': '10.20.33.164',
      'flow-direction': 'ingress',
    });
    expect(result.sessions[0]!.srcIp).toBe('10.40.1.175');
  });

  it('quarantines a formula split by spaces, keeping its raw text verbatim', async () => {
    const ws = tempWorkspace();
    const line = `2 123456789010 ${FORMULA} 10.0.0.1 10.0.0.2 1 2 6 1 1 1700000000 1700000001 ACCEPT OK`;
    const result = await importFile(ws.db, { file: ws.write('f.log', `${line}\n`), format: 'vpc-flow' });
    expect(result.record).toMatchObject({ rowsRead: 1, quarantined: 1 });
    expect(result.quarantine[0]).toMatchObject({
      line: 1,
      raw: line,
      reason: expect.stringMatching(/^expected 14 fields/),
    });
  });

  it('fails as a whole when the header names no start time', async () => {
    const ws = tempWorkspace();
    const file = ws.write('f.log', 'version srcaddr dstaddr bytes\n2 10.0.0.1 10.0.0.2 5\n');
    const message = await expectFailedImport(ws, { file, format: 'vpc-flow' });
    expect(message).toMatch(/header on line 1 has no "start" field.*Nothing from this import was kept/);
  });
});

describe('waf-json import', () => {
  it('detects WAF logs and stores requests with exact fields', async () => {
    const ws = tempWorkspace();
    const result = await importFile(ws.db, { file: fixturePath('waf.jsonl') });
    expect(result.record).toMatchObject({
      format: 'waf-json',
      status: 'done',
      rowsRead: 4,
      stored: 4,
      quarantined: 0,
    });
    expectReconciled(result);
    expect(result.sessions[1]).toMatchObject({
      startTs: 1576280412771,
      endTs: 1576280412771,
      srcIp: '1.1.1.1',
      dstIp: null,
      dstPort: 1989, // the Host header's port: WAF logs no destination port of its own
      protocol: 'HTTP/1.1',
      responseCode: 403,
      country: 'AU',
      ruleName: 'AWS-AWSManagedRulesSQLiRuleSet',
      detectionType: 'BLOCK:AWS-AWSManagedRulesSQLiRuleSet',
      action: 'BLOCK',
      rawLine: 2,
      method: 'GET',
      host: 'localhost',
      path: '/myUri',
      query: 'id=10%20AND%201=1',
      httpVersion: 'HTTP/1.1',
      userAgent: 'curl/7.61.1',
      referrer: null,
      requestTimeMs: null,
      tlsProtocol: null,
      tlsCipher: null,
      requestId: 'rid',
      requestLine: null,
      attrs: {
        webaclId:
          'arn:aws:wafv2:ap-southeast-2:111122223333:regional/webacl/STMTest/1EXAMPLE-2ARN-3ARN-4ARN-123456EXAMPLE',
        httpSourceName: 'ALB',
        terminatingRuleType: 'MANAGED_RULE_GROUP',
        ruleGroup: 'AWS#AWSManagedRulesSQLiRuleSet',
        groupRule: 'SQLi_QUERYARGUMENTS',
      },
    });
  });
});

describe('cloudwatch-csv import', () => {
  it('detects the export and stores exact fields', async () => {
    const ws = tempWorkspace();
    const result = await importFile(ws.db, { file: fixturePath('cloudwatch.csv') });
    expect(result.record).toMatchObject({ format: 'cloudwatch-csv', rowsRead: 3, stored: 3, quarantined: 0 });
    expect(result.sessions[2]).toMatchObject({
      srcIp: '165.225.212.255',
      country: 'CA',
      bytesIn: 28506,
      bytesOut: 13468,
      durationMs: 600_000,
      responseCode: 200,
      dstPort: 443,
      ruleName: 'Suspicious Web Traffic',
      detectionType: 'waf_rule',
      rawLine: 4,
      attrs: {
        observation_name: 'Adversary Infrastructure Interaction',
        'source.meta': 'AWS_VPC_Flow',
        'source.name': 'prod_webserver',
      },
    });
  });

  it('reads a record whose quote closes lines later into the wrong field count again line by line', async () => {
    const ws = tempWorkspace();
    const [header, a, b, c] = fixture('cloudwatch.csv').trimEnd().split('\r\n');
    const text = [header, a, b!.replace(',waf_rule', ',"waf_rule'), 'stray line', 'closing" part,x', c].join(
      '\n',
    );
    const result = await importFile(ws.db, { file: ws.write('q.csv', text), format: 'cloudwatch-csv' });
    expect(result.record).toMatchObject({ rowsRead: 5, stored: 2, quarantined: 3 });
    expect(result.quarantine.map((q) => [q.line, q.reason])).toEqual([
      [3, 'unterminated quoted field: closing it on line 5 would give 17 fields, not 16'],
      [4, 'expected 16 fields, found 1'],
      [5, 'unterminated quoted field: no closing quote before the end of the file'],
    ]);
    expect(result.sessions.map((s) => s.rawLine)).toEqual([2, 6]);
  });

  it('fails as a whole when the header lacks required columns', async () => {
    const ws = tempWorkspace();
    const file = ws.write('w.csv', 'src_ip,bytes_in,detection_types\n1.2.3.4,5,x\n');
    const message = await expectFailedImport(ws, { file, format: 'cloudwatch-csv' });
    expect(message).toBe(
      'Not a CloudWatch web-attack CSV: the header lacks bytes_out, creation_time, end_time, dst_ip. Nothing from this import was kept.',
    );
  });
});

describe('mapped imports', () => {
  it('maps a proxy CSV by its preset (the preset picks the format)', async () => {
    const ws = tempWorkspace();
    const result = await importFile(ws.db, {
      file: fixturePath('proxy.csv'),
      preset: fixturePreset('proxy-preset.json'),
    });
    expect(result.record).toMatchObject({
      format: 'mapped-csv',
      preset: 'proxy-csv',
      stored: 2,
      quarantined: 0,
    });
    expect(result.sessions[1]).toMatchObject({
      srcIp: '10.1.2.4',
      dstIp: '203.0.113.9',
      dstPort: 8080,
      responseCode: 201,
      bytesOut: 1048576,
      bytesIn: 300,
      detectionType: 'exfiltration',
      label: 'malicious',
      durationMs: 0,
      attrs: { method: 'POST', url: 'http://203.0.113.9:8080/upload?a=1,b=2' },
    });
  });

  it('maps Zeek and ECS JSON lines by their presets', async () => {
    const ws = tempWorkspace();
    const zeek = await importFile(ws.db, {
      file: fixturePath('zeek-conn.jsonl'),
      preset: fixturePreset('zeek-preset.json'),
    });
    expect(zeek.record).toMatchObject({ format: 'mapped-jsonl', stored: 2 });
    expect(zeek.sessions[1]).toMatchObject({
      srcIp: '192.168.4.76',
      dstIp: '31.3.245.133',
      srcPort: 46378,
      protocol: 'tcp',
      packets: 6,
    });
    const ecs = await importFile(ws.db, {
      file: fixturePath('ecs-events.jsonl'),
      preset: fixturePreset('ecs-preset.json'),
    });
    expect(ecs.sessions[0]).toMatchObject({
      country: 'NL',
      durationMs: 2750,
      ruleName: 'ssh-bruteforce',
      attrs: { tags: '["edge","fw-1"]' },
    });
  });

  it('fails as a whole without a preset, or when the file lacks a mapped column', async () => {
    const ws = tempWorkspace();
    const noPreset = await expectFailedImport(ws, { file: fixturePath('proxy.csv'), format: 'mapped-csv' });
    expect(noPreset).toMatch(/^The mapped-csv format needs a mapping preset/);
    const other = tempWorkspace();
    const file = other.write('p.csv', 'time,client_ip\n2024-05-01T10:00:00Z,10.0.0.1\n');
    const missing = await expectFailedImport(other, { file, preset: fixturePreset('proxy-preset.json') });
    expect(missing).toMatch(/^The CSV header lacks "server_ip", .* named by mapping preset "proxy-csv"/);
  });
});

describe('detection', () => {
  it('refuses a file it cannot recognise, naming the options', async () => {
    const ws = tempWorkspace();
    const file = ws.write('notes.txt', 'hello world\nnothing to see\n');
    await expect(runImport(ws.db, { file, enrich: false })).rejects.toThrow(
      /Could not recognise the format of notes.txt/,
    );
    expect(fs.existsSync(file)).toBe(true);
    expect(countSessions(ws.db)).toBe(0);
  });

  it('says an empty file is empty, rather than of a format it does not recognise', async () => {
    const ws = tempWorkspace();
    for (const [name, text] of [
      ['empty.log', ''],
      ['blank.log', '\n \r\n\t\n'],
    ]) {
      const file = ws.write(name as string, text as string);
      await expect(runImport(ws.db, { file, enrich: false })).rejects.toThrow(
        new RegExp(`^${name} is empty: it holds no line to import\\.`),
      );
    }
    const gz = ws.write('empty.log.gz', gzipSync(''));
    await expect(runImport(ws.db, { file: gz, enrich: false })).rejects.toThrow(
      /^empty\.log\.gz holds no line to import: it is empty, or its compressed data cannot be read\.$/,
    );
    expect(countSessions(ws.db)).toBe(0);
  });

  // An archive or another compressor's file read as text was "a format it does not recognise"
  // (pass --format, which could not help), and a .tar.gz was imported with each file's first line
  // glued to its tar header and quarantined for its NULs.
  it('says a tar, zip, 7z, bzip2, xz or zstd file is one, with or without --format', async () => {
    const ws = tempWorkspace();
    const log = fixture('web/apache-combined.log');
    const header = Buffer.alloc(512);
    header.write('access.log', 0);
    header.write('0000644\0', 100);
    header.write(`${Buffer.byteLength(log).toString(8).padStart(11, '0')}\0`, 124);
    header.write('ustar\0' + '00', 257);
    header.fill(' ', 148, 156);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    const body = Buffer.alloc(Math.ceil(Buffer.byteLength(log) / 512) * 512);
    body.write(log);
    const tar = Buffer.concat([header, body, Buffer.alloc(1024)]);
    const text = Buffer.from(log);
    for (const [name, bytes, kind] of [
      ['logs.tar', tar, 'a tar archive'],
      ['logs.tar.gz', gzipSync(tar), 'a tar archive'],
      ['logs.zip', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), text]), 'a zip archive'],
      ['logs.7z', Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), text]), 'a 7z archive'],
      ['access.log.bz2', Buffer.concat([Buffer.from('BZh91AY&SY'), text]), 'bzip2-compressed'],
      [
        'access.log.xz',
        Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0]), text]),
        'xz-compressed',
      ],
      ['access.log.zst', Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), text]), 'zstd-compressed'],
    ] as const) {
      const file = ws.write(name, bytes);
      for (const format of [undefined, 'combined'] as const)
        await expect(runImport(ws.db, { file, format, enrich: false })).rejects.toThrow(
          `${name} is ${kind}; Vigil reads plain or gzip'd (.gz) logs:`,
        );
    }
    expect(countSessions(ws.db)).toBe(0);
    // Each refusal is on record, failed with its reason, and stored nothing (7 files, 2 tries each).
    const imports = listImports(ws.db);
    expect(imports).toHaveLength(14);
    for (const record of imports) {
      expect(record.status).toBe('failed');
      expect(record.message).toMatch(/ is (a |bzip2|xz|zstd).*; Vigil reads plain or gzip'd \(\.gz\) logs:/);
      expect(record.stored).toBe(0);
    }
  });

  // Windows PowerShell's Out-File and `>` write UTF-16: read as UTF-8 it was "a format it does not
  // recognise" (pass --format, which could not help), and with --format every line was refused.
  it('says a UTF-16 file is UTF-16, with or without --format, rather than of no format', async () => {
    const ws = tempWorkspace();
    const text = fixture('cloudwatch.csv').split('\n').slice(0, 4).join('\r\n');
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const [name, bytes] of [
      ['bom-le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), le])],
      ['bom-be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), be])],
      ['plain-le.csv', le],
      ['plain-le.csv.gz', gzipSync(le)],
    ] as const) {
      const file = ws.write(name, bytes);
      for (const format of [undefined, 'cloudwatch-csv'] as const)
        await expect(runImport(ws.db, { file, format, enrich: false })).rejects.toThrow(
          new RegExp(`^${name.replace('.', '\\.')} is UTF-16 text; Vigil reads UTF-8`),
        );
    }
    // A run of NULs (a crash's zero-filled log) is no UTF-16: NULs in every place, not every other.
    const zeros = ws.write('zeros.log', Buffer.alloc(4096));
    await expect(runImport(ws.db, { file: zeros, enrich: false })).rejects.toThrow(/Could not recognise/);
    expect(countSessions(ws.db)).toBe(0);
  });
});
