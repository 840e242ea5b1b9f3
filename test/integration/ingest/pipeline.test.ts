import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { sessionIndexesPresent } from '../../../src-main/core/db/session-indexes.js';
import { countSessions } from '../../../src-main/core/db/sessions.js';
import { dashboardSummary } from '../../../src-main/core/db/summary.js';
import { createGeoIp } from '../../../src-main/core/enrich/geoip.js';
import { generateTraffic } from '../../../src-main/core/generate/generate.js';
import { type ImportProgress, runImport } from '../../../src-main/core/ingest/pipeline.js';
import { writeCloudwatchFile } from '../../helpers/cloudwatch-rows.js';
import { rollupMismatches } from '../../helpers/rollup-check.js';
import { createTempDirs, SAMPLE } from '../../helpers/temp.js';

const tempDir = createTempDirs();

function snapshot(db: Db) {
  return {
    sessions: countSessions(db),
    time: db.prepare('SELECT * FROM rollup_time ORDER BY 1, 2, 3, 4').all(),
    pairs: db.prepare('SELECT * FROM rollup_pairs ORDER BY 1, 2').all(),
  };
}

describe('import pipeline', () => {
  it('imports the embedded sample completely, with rollups that match the sessions', async () => {
    const db = openDatabase(path.join(tempDir(), 'v.db'));
    const record = await runImport(db, { file: SAMPLE, enrich: false });
    expect(record).toMatchObject({
      status: 'done',
      format: 'cloudwatch-csv',
      rowsRead: 282,
      stored: 282,
      quarantined: 0,
      duplicates: 0,
    });
    expect(record.sha256).toBe('96e752b997870259168bb472a3ba81e5ac0cc83a339b010ed6691db8e44dd269');
    expect(countSessions(db)).toBe(282);
    expect(rollupMismatches(db)).toEqual([]);
    const summary = dashboardSummary(db, {});
    expect(summary).toMatchObject({ sessions: 282, sourceIps: 28, countries: 7 });
    expect(summary.byDetectionType).toEqual([{ detectionType: 'waf_rule', sessions: 282 }]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('skips a re-import of the same file and changes nothing', async () => {
    const db = openDatabase(path.join(tempDir(), 'v.db'));
    await runImport(db, { file: SAMPLE, enrich: false });
    const before = snapshot(db);
    const copy = path.join(tempDir(), 'renamed-copy.csv');
    fs.copyFileSync(SAMPLE, copy);
    const again = await runImport(db, { file: copy, enrich: false });
    expect(again.status).toBe('skipped');
    expect(again.message).toMatch(/Same content as import #1/);
    expect(snapshot(db)).toEqual(before);
    db.close();
  });

  it('reads a file again when its earlier import stored nothing (every row quarantined by a wrong format)', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'v.db'));
    const file = path.join(dir, 'ssl_request_log');
    fs.writeFileSync(
      file,
      '[28/Oct/2023:10:00:05 +0000] 203.0.113.61 TLSv1.3 TLS_AES_256_GCM_SHA384 "GET /index.html HTTP/1.1" 5120\n',
    );
    const wrong = { name: 'wrong', format: 'log-format', logFormat: '%h %t "%r" %b' } as const;
    const first = await runImport(db, { file, enrich: false, preset: wrong });
    expect([first.status, first.stored, first.quarantined]).toEqual(['done', 0, 1]);
    const right = {
      name: 'ssl',
      format: 'log-format',
      logFormat: '%t %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x "%r" %b',
    } as const;
    const second = await runImport(db, { file, enrich: false, preset: right });
    expect([second.status, second.stored, second.quarantined]).toEqual(['done', 1, 0]);
    // Now it is seen: a third read is skipped, whatever the format.
    const third = await runImport(db, { file, enrich: false, preset: wrong });
    expect(third.status).toBe('skipped');
    expect(third.message).toMatch(`Same content as import #${second.id}`);
    db.close();
  });

  it('recognises a log whose first line is longer than the head it reads, and quarantines that line alone', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'v.db'));
    const file = path.join(dir, 'long-first.log');
    const line = (path_: string, second: number) =>
      `203.0.113.9 - - [12/Feb/2024:10:00:${String(second).padStart(2, '0')} +0000] "GET ${path_} HTTP/1.1" 200 5 "-" "Mozilla/5.0"`;
    fs.writeFileSync(
      file,
      `${[line(`/${'a'.repeat(70_000)}`, 0), line('/b', 1), line('/c', 2), line('/d', 3)].join('\n')}\n`,
    );
    const record = await runImport(db, { file, enrich: false });
    expect([record.format, record.stored, record.quarantined]).toEqual(['combined', 3, 1]);
    db.close();
  });

  it('counts rows already stored from another file as duplicates, and only adds the new ones', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'v.db'));
    await writeCloudwatchFile(path.join(dir, 'a.csv'), 0, 1000);
    await writeCloudwatchFile(path.join(dir, 'b.csv'), 600, 1500);
    await runImport(db, { file: path.join(dir, 'a.csv'), enrich: false });
    const second = await runImport(db, { file: path.join(dir, 'b.csv'), enrich: false });
    expect(second).toMatchObject({
      status: 'done',
      rowsRead: 900,
      stored: 500,
      duplicates: 400,
      quarantined: 0,
    });
    expect(countSessions(db)).toBe(1500);
    expect(rollupMismatches(db)).toEqual([]);
    db.close();
  });

  it('keeps a repeated row inside one file as a session of its own (repeats.test.ts has the rule)', async () => {
    const dir = tempDir();
    const lines = fs.readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
    const file = path.join(dir, 'repeats.csv');
    fs.writeFileSync(file, `${[...lines, lines[1], lines[2]].join('\n')}\n`);
    const db = openDatabase(path.join(dir, 'v.db'));
    const record = await runImport(db, { file, enrich: false });
    expect(record).toMatchObject({ rowsRead: 284, stored: 284, duplicates: 0 });
    expect(rollupMismatches(db)).toEqual([]);
    db.close();
  });

  it('parses the same on a worker thread as inline', async () => {
    const dir = tempDir();
    await writeCloudwatchFile(path.join(dir, 'x.csv'), 0, 30_000);
    const inline = openDatabase(path.join(dir, 'inline.db'));
    const worker = openDatabase(path.join(dir, 'worker.db'));
    await runImport(inline, { file: path.join(dir, 'x.csv'), enrich: false, parser: 'inline' });
    await runImport(worker, { file: path.join(dir, 'x.csv'), enrich: false, parser: 'worker' });
    const rows = (db: Db) =>
      db
        .prepare(
          'SELECT key_hash, start_ts, src_ip, bytes_in, bytes_out, country, raw_line FROM sessions ORDER BY id',
        )
        .all();
    expect(rows(worker)).toEqual(rows(inline));
    expect(snapshot(worker)).toEqual(snapshot(inline));
    inline.close();
    worker.close();
  });

  it('reports progress at least every half second and keeps nothing of a cancelled import', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'v.db'));
    await runImport(db, { file: SAMPLE, enrich: false });
    const before = snapshot(db);
    await writeCloudwatchFile(path.join(dir, 'big.csv'), 1000, 400_000);
    const abort = new AbortController();
    const reports: ImportProgress[] = [];
    const stamps: number[] = [];
    const record = await runImport(
      db,
      { file: path.join(dir, 'big.csv'), enrich: false },
      {
        signal: abort.signal,
        onProgress: (progress) => {
          reports.push(progress);
          stamps.push(Date.now());
          if (reports.length === 2) abort.abort();
        },
      },
    );
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(reports[1]!.record.rowsRead).toBeGreaterThan(0);
    expect(reports[1]!.record.bytesRead).toBeGreaterThan(0);
    expect(stamps[1]! - stamps[0]!).toBeLessThan(1500);
    expect(record.status).toBe('cancelled');
    expect(snapshot(db)).toEqual(before);
    // The writer pauses foreign-key checks on its connection; a cancel turns them back on.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(rollupMismatches(db)).toEqual([]);
    expect(sessionIndexesPresent(db)).toBe(true);
    db.close();
  });

  it('fails a file it cannot read as a whole with a clear message and keeps nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'not-cloudwatch.csv');
    fs.writeFileSync(
      file,
      'bytes_in,bytes_out,creation_time,detection_types,src_ip\n1,2,2024-01-01T00:00:00Z,x,1.2.3.4\n',
    );
    const db = openDatabase(path.join(dir, 'v.db'));
    await expect(runImport(db, { file, format: 'cloudwatch-csv', enrich: false })).rejects.toThrow(
      /lacks end_time, dst_ip/,
    );
    expect(countSessions(db)).toBe(0);
    expect(db.prepare(`SELECT status, message FROM imports`).get()).toMatchObject({ status: 'failed' });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('enriches a missing ASN offline, and keeps the log’s own country', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'v.db'));
    await runImport(db, { file: SAMPLE, cacheDir: path.join(dir, 'cache') });
    const row = db.prepare(`SELECT country, asn FROM sessions WHERE src_ip = '147.161.161.82' LIMIT 1`).get();
    expect(row).toEqual({ country: 'AE', asn: expect.any(Number) });
    expect(fs.readdirSync(path.join(dir, 'cache')).some((f) => f.startsWith('asn-ipv4-'))).toBe(true);
    db.close();
  });
});

describe('offline enrichment over many addresses', () => {
  it('gives every session the country and ASN of a direct lookup of its source, across batches', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'flows.log');
    // VPC Flow Logs carry neither country nor ASN: every one comes from the lookup (and its memo).
    await generateTraffic({
      rows: 30_000,
      seed: 4,
      out: file,
      format: 'vpc-flow',
      start: Date.UTC(2024, 3, 25),
      days: 2,
      attackRate: 0.05,
    });
    const db = openDatabase(path.join(dir, 'v.db'));
    const record = await runImport(db, { file, cacheDir: path.join(dir, 'cache'), parser: 'inline' });
    expect(record.status).toBe('done');
    const rows = db
      .prepare('SELECT src_ip AS ip, country, asn, count(*) AS n FROM sessions GROUP BY 1, 2, 3')
      .all() as { ip: string; country: string | null; asn: number | null; n: number }[];
    const geo = createGeoIp(path.join(dir, 'cache'));
    // One row per address: a memo mix-up would split an address over two countries or ASNs.
    expect(new Set(rows.map((r) => r.ip)).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(500);
    for (const r of rows)
      expect({ ip: r.ip, country: r.country, asn: r.asn }).toEqual({
        ip: r.ip,
        country: geo.country(r.ip),
        asn: geo.asn(r.ip),
      });
    expect(rows.filter((r) => r.asn !== null).length).toBeGreaterThan(rows.length / 2);
    db.close();
  });
});
