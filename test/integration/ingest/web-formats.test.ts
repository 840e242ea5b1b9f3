// The access-log importers end to end into a real SQLite file: detection (plain and .gz), every
// row accounted for, the request fields as stored, and which rows are the same session.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { registerPreset } from '../../../src-main/cli/commands/preset.js';
import { getPreset, listPresets } from '../../../src-main/core/db/presets.js';
import { inlineLogFormat } from '../../../src-main/core/ingest/formats/log-format.js';
import { fixture, fixturePath } from '../../unit/ingest/fixtures.js';
import { expectReconciled, importFile, tempWorkspace } from './harness.js';

const web = (name: string) => fixturePath(`web/${name}`);

describe('access-log imports', () => {
  it.each([
    ['apache-combined.log', 'combined', 11, 0],
    ['nginx-timed.log', 'combined', 3, 0],
    ['alb.log', 'alb', 6, 0],
    ['cloudfront.log', 'cloudfront', 4, 0],
    ['zeek-http.log', 'zeek-http', 4, 0],
    ['zeek-http.json', 'zeek-http', 4, 0],
    ['zeek-conn.log', 'zeek-conn', 3, 0],
    ['suricata-eve.json', 'suricata-eve', 4, 1],
  ])(
    'detects %s (gzipped) as %s and accounts for every record',
    async (name, format, stored, quarantined) => {
      const ws = tempWorkspace();
      const file = ws.write(`${name}.gz`, gzipSync(fs.readFileSync(web(name))));
      const result = await importFile(ws.db, { file });
      expect(result.record).toMatchObject({ format, status: 'done', stored, quarantined, duplicates: 0 });
      expectReconciled(result);
    },
  );

  it('stores the request of each line, the raw request where it is not one', async () => {
    const ws = tempWorkspace();
    const result = await importFile(ws.db, { file: web('apache-combined.log') });
    const byLine = new Map(result.sessions.map((s) => [s.rawLine, s]));
    expect(byLine.get(1)).toMatchObject({
      srcIp: '127.0.0.1',
      method: 'GET',
      path: '/apache_pb.gif',
      httpVersion: 'HTTP/1.0',
      responseCode: 200,
      bytesOut: 2326,
      referrer: 'http://www.example.com/start.html',
      userAgent: 'Mozilla/4.08 [en] (Win98; I ;Nav)',
      requestLine: null,
      attrs: { user: 'frank' },
    });
    expect(byLine.get(5)).toMatchObject({
      method: null,
      path: null,
      requestLine: '\\x16\\x03\\x01\\x00\\xf1\\x01\\x00\\x00\\xed\\x03\\x03',
    });
  });

  it('reads a custom format given for the import, and the import keeps the format string', async () => {
    const ws = tempWorkspace();
    const format =
      '$remote_addr [$time_local] "$request" $status $body_bytes_sent "$http_user_agent" $request_time';
    const file = ws.write(
      'custom.log',
      '203.0.113.5 [12/Feb/2024:10:00:00 +0000] "GET /x?y=1 HTTP/1.1" 200 12 "curl/8.5.0" 0.250\nnot a line\n',
    );
    const result = await importFile(ws.db, { file, preset: inlineLogFormat(format) });
    expect(result.record).toMatchObject({ format: 'log-format', preset: format, stored: 1, quarantined: 1 });
    expect(result.sessions[0]).toMatchObject({
      path: '/x',
      query: 'y=1',
      requestTimeMs: 250,
      durationMs: 250,
    });
    expect(result.quarantine[0]?.reason).toBe('expected " [" after $remote_addr');
  });

  it('reads an unquoted X-Forwarded-For list in an Apache LogFormat (%{X-Forwarded-For}i) as one field', async () => {
    const ws = tempWorkspace();
    const file = ws.write(
      'xff.log',
      '192.0.2.1 198.51.100.7, 10.0.0.2 [10/Oct/2023:13:55:36 +0000] "GET /a HTTP/1.1" 200 1\n',
    );
    const preset = inlineLogFormat('%h %{X-Forwarded-For}i %t "%r" %>s %b');
    const result = await importFile(ws.db, { file, preset });
    expect(result.record).toMatchObject({ stored: 1, quarantined: 0 });
    expect(result.sessions[0]).toMatchObject({
      path: '/a',
      attrs: { x_forwarded_for: '198.51.100.7, 10.0.0.2' },
    });
  });

  it('keeps an unquoted upstream list after the user agent whole, never taking its last time as the request time', async () => {
    const ws = tempWorkspace();
    const head = '203.0.113.9 - - [10/Oct/2023:13:55:39 +0000] "GET /w HTTP/1.1" 502 5 "-" "ua"';
    const file = ws.write(
      'access.log',
      [
        `${head} 3.001, 0.002`,
        `${head} 10.0.0.1:80, 10.0.0.2:80 3.001 : 0.002`,
        `${head} 3.005 3.001, 0.002`,
        '',
      ].join('\n'),
    );
    const result = await importFile(ws.db, { file });
    expect(result.record).toMatchObject({ format: 'combined', stored: 3, quarantined: 0 });
    expectReconciled(result);
    expect(result.sessions.map((s) => [s.requestTimeMs, s.attrs])).toEqual([
      [null, { extra1: '3.001, 0.002' }],
      [null, { extra1: '10.0.0.1:80, 10.0.0.2:80', extra2: '3.001 : 0.002' }],
      [3005, { extra2: '3.001, 0.002' }],
    ]);
  });

  it("reads nginx's upstream lists (several upstreams tried: `0.003, 0.002`, `… : …`) as one field", async () => {
    const ws = tempWorkspace();
    const format =
      '$remote_addr [$time_local] "$request" $status $upstream_status $upstream_addr $upstream_response_time $host';
    const file = ws.write(
      'upstreams.log',
      [
        '203.0.113.5 [12/Feb/2024:10:00:00 +0000] "GET /a HTTP/1.1" 200 502, 200 10.0.0.1:80, 10.0.0.2:80 0.003, 0.002 shop.example.com',
        '203.0.113.5 [12/Feb/2024:10:00:01 +0000] "GET /b HTTP/1.1" 200 504 : 200 10.0.0.1:80 : 10.0.0.3:80 1.000 : 0.010 shop.example.com',
        '203.0.113.5 [12/Feb/2024:10:00:02 +0000] "GET /c HTTP/1.1" 200 - - - shop.example.com',
        '',
      ].join('\n'),
    );
    const result = await importFile(ws.db, { file, preset: inlineLogFormat(format) });
    expect(result.record).toMatchObject({ stored: 3, quarantined: 0 });
    expectReconciled(result);
    expect(result.sessions.map((s) => [s.host, s.attrs])).toEqual([
      [
        'shop.example.com',
        {
          upstream_status: '502, 200',
          upstream_addr: '10.0.0.1:80, 10.0.0.2:80',
          upstream_response_time: '0.003, 0.002',
        },
      ],
      [
        'shop.example.com',
        {
          upstream_status: '504 : 200',
          upstream_addr: '10.0.0.1:80 : 10.0.0.3:80',
          upstream_response_time: '1.000 : 0.010',
        },
      ],
      ['shop.example.com', null],
    ]);
  });
});

describe('Zeek JSON with nested ids and a _path', () => {
  // json-streaming-logs, Corelight and Security Onion name the log in `_path`, and some writers
  // nest `id` (`{"id": {"orig_h": …}}`): the same records as the TSV log all the same.
  it('stores the sessions the TSV form stores, attributes included', async () => {
    const nested = fixture('web/zeek-http.json')
      .trimEnd()
      .split('\n')
      .map((line) => {
        const record = JSON.parse(line) as Record<string, unknown>;
        const id: Record<string, unknown> = {};
        const rest: Record<string, unknown> = { _path: 'http' };
        for (const [name, value] of Object.entries(record)) {
          if (name.startsWith('id.')) id[name.slice(3)] = value;
          else rest[name] = value;
        }
        return JSON.stringify({ ...rest, id });
      });
    const stored = async (name: string, content: string) => {
      const ws = tempWorkspace();
      const result = await importFile(ws.db, { file: ws.write(name, content) });
      expectReconciled(result);
      return result.sessions.map(({ id: _, importId: __, rawLine: ___, ...session }) => session);
    };
    const tsv = await stored('http.log', fixture('web/zeek-http.log'));
    expect(tsv).toHaveLength(4);
    expect(await stored('http.json', `${nested.join('\n')}\n`)).toEqual(tsv);
  });
});

describe('which access-log rows are the same session', () => {
  const line = (path: string) =>
    `203.0.113.9 - - [12/Feb/2024:10:00:00 +0000] "GET ${path} HTTP/1.1" 200 512 "-" "Mozilla/5.0"`;

  it('keeps apart requests that differ only in their path, and matches each again on re-import', async () => {
    const ws = tempWorkspace();
    const first = await importFile(ws.db, {
      file: ws.write('a.log', `${line('/a')}\n${line('/b')}\n`),
    });
    expect(first.record).toMatchObject({ stored: 2, duplicates: 0 });
    expect(first.sessions.map((s) => s.path)).toEqual(['/a', '/b']);
    const again = await importFile(ws.db, { file: ws.write('b.log', `${line('/b')}\n${line('/c')}\n`) });
    expect(again.record).toMatchObject({ rowsRead: 2, stored: 1, duplicates: 1 });
    expect(again.sessions.map((s) => s.path)).toEqual(['/c']);
  });

  it('stores every one of identical requests (a flood), and none of them twice', async () => {
    const ws = tempWorkspace();
    const flood = `${Array.from({ length: 50 }, () => line('/login')).join('\n')}\n`;
    const first = await importFile(ws.db, { file: ws.write('flood.log', flood) });
    expect(first.record).toMatchObject({ rowsRead: 50, stored: 50, duplicates: 0 });
    const again = await importFile(ws.db, {
      file: ws.write('flood-again.log', `${flood}${line('/other')}\n`),
    });
    expect(again.record).toMatchObject({ rowsRead: 51, stored: 1, duplicates: 50 });
  });

  it('matches a CloudFront request by its request id in any file', async () => {
    const ws = tempWorkspace();
    await importFile(ws.db, { file: web('cloudfront.log') });
    const [header, fields, ...records] = fixture('web/cloudfront.log').trimEnd().split('\n');
    const copy = ws.write('copy.log', `${[header, fields, ...records.reverse()].join('\n')}\n`);
    const again = await importFile(ws.db, { file: copy });
    expect(again.record).toMatchObject({ rowsRead: 4, stored: 0, duplicates: 4 });
  });
});

describe('vigil preset log-format', () => {
  async function vigil(...args: string[]): Promise<string> {
    const program = new Command('vigil').exitOverride();
    registerPreset(program);
    let out = '';
    const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
      out += `${parts.join(' ')}\n`;
    });
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      await program.parseAsync(['node', 'vigil', ...args]);
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
    return out;
  }

  it('saves a checked log format, lists it beside column mappings, and an import can use it', async () => {
    const ws = tempWorkspace();
    const db = path.join(ws.dir, 'vigil.db');
    expect(await vigil('preset', 'log-format', 'edge', 'vhost_combined', '--db', db)).toMatch(
      /Saved log format preset "edge"/,
    );
    await vigil('preset', 'save', fixturePath('proxy-preset.json'), '--db', db);
    const table = await vigil('preset', 'list', '--db', db);
    expect(table).toMatch(/edge\s+log-format\s+-\s+vhost_combined/);
    expect(table).toMatch(/proxy-csv\s+mapped-csv/);
    const result = await importFile(ws.db, {
      file: web('apache-vhost-combined.log'),
      preset: getPreset(ws.db, 'edge'),
    });
    expect(result.record).toMatchObject({ format: 'log-format', preset: 'edge', stored: 3, quarantined: 0 });
  });

  it('refuses a format it cannot read, and saves nothing', async () => {
    const ws = tempWorkspace();
    const db = path.join(ws.dir, 'vigil.db');
    await expect(vigil('preset', 'log-format', 'broken', '%h %l "%r"', '--db', db)).rejects.toThrow(
      /has no time/,
    );
    expect(listPresets(ws.db)).toEqual([]);
  });
});
