// Rule hits on the data path: computed at import (the shipped pack and Suricata's own alerts),
// read for a session and for the Overview, removed with a rolled-back import, recomputed by a
// rules run after a set changed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rollBackImport } from '../../../src-main/core/db/import-rollback.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { ruleHitSummary, sessionRuleHits } from '../../../src-main/core/db/rule-hits.js';
import { disableRuleSet, ruleSetInfos } from '../../../src-main/core/db/rule-sets.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { addRuleFolder } from '../../../src-main/core/rule-hits/rule-set-load.js';
import { runRulesOverDatabase } from '../../../src-main/core/rule-hits/rules-run.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

const LINES = [
  '203.0.113.5 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0 (X11; Linux x86_64) Firefox/122.0"',
  `203.0.113.6 - - [12/Feb/2024:10:00:01 +0000] "GET /item.php?id=1%27%20UNION%20SELECT%20username,password%20FROM%20users-- HTTP/1.1" 200 90 "-" "Mozilla/5.0"`,
  '203.0.113.7 - - [12/Feb/2024:10:00:02 +0000] "GET /../../../../etc/passwd HTTP/1.1" 404 0 "-" "curl/8.5.0"',
  '203.0.113.8 - - [12/Feb/2024:10:00:03 +0000] "GET /.env HTTP/1.1" 404 0 "-" "Mozilla/5.0 (compatible; Nmap Scripting Engine)"',
  '203.0.113.9 - - [12/Feb/2024:10:00:04 +0000] "GET /search?q=shoes HTTP/1.1" 200 2048 "https://shop.example/" "Mozilla/5.0"',
];

function writeLog(dir: string, lines = LINES): string {
  const file = path.join(dir, 'access.log');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const idsByIp = (db: Db) =>
  new Map(
    (db.prepare('SELECT id, src_ip AS ip FROM sessions').all() as { id: number; ip: string }[]).map((row) => [
      row.ip,
      row.id,
    ]),
  );
const hitRows = (db: Db) =>
  db
    .prepare(
      `SELECT s.src_ip AS ip, r.title, h.field FROM rule_hits h JOIN rules r ON r.id = h.rule
       JOIN sessions s ON s.id = h.session_id ORDER BY s.src_ip, r.title`,
    )
    .all() as { ip: string; title: string; field: string | null }[];

describe('rule hits at import', () => {
  it('runs the shipped pack over the new sessions and stores each hit with its matched field and value', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'v.db'));
    const record = await runImport(db, { file: writeLog(dir), enrich: false });
    expect(record).toMatchObject({ status: 'done', stored: 5 });
    const ids = idsByIp(db);
    const byIp = (ip: string) => sessionRuleHits(db, ids.get(ip) as number);
    expect(byIp('203.0.113.5')).toEqual([]);
    expect(byIp('203.0.113.9')).toEqual([]);
    const sqli = byIp('203.0.113.6');
    expect(sqli.map((hit) => hit.title)).toContain('SQL injection in a web request');
    const sqlHit = sqli.find((hit) => hit.title === 'SQL injection in a web request');
    expect(sqlHit).toMatchObject({ level: 'high', source: 'pack' });
    expect(sqlHit?.value).toBeTruthy();
    expect(sqlHit?.field === 'query' || sqlHit?.field === 'uri').toBe(true);
    expect(byIp('203.0.113.7').map((hit) => hit.title)).toContain('Path traversal in a web request');
    const probe = byIp('203.0.113.8').map((hit) => hit.title);
    expect(probe).toContain('Probe for configuration, secret or source-control files');
    expect(probe).toContain('Vulnerability scanner or attack tool user agent');

    const summary = ruleHitSummary(db, {}, { maxPoints: 60, topRules: 20 });
    expect(summary.source).toBe('hits');
    expect(summary.total).toBe(hitRows(db).length);
    expect(summary.byLevel.reduce((sum, level) => sum + level.hits, 0)).toBe(summary.total);
    expect(summary.points.reduce((sum, point) => sum + point.hits, 0)).toBe(summary.total);
    expect(summary.byRule.map((rule) => rule.title)).toContain('SQL injection in a web request');
    // Through a session filter: only the hits of the sessions it selects.
    const one = ruleHitSummary(db, { srcIp: '203.0.113.6' }, { maxPoints: 60, topRules: 20 });
    expect(one.source).toBe('sessions');
    expect(one.total).toBe(sqli.length);

    const pack = ruleSetInfos(db).find((set) => set.source === 'pack');
    expect(pack).toMatchObject({ kind: 'pack', enabled: true, stale: false });
    expect(pack?.hits).toBe(summary.total);
    db.close();
  });

  it('stores a Suricata alert as a hit of the suricata set', async () => {
    const db = openDatabase(path.join(tempDir(), 'v.db'));
    await runImport(db, { file: path.resolve('test/fixtures/ingest/web/suricata-eve.json'), enrich: false });
    const rows = db
      .prepare(
        `SELECT rs.source, r.rule_id AS ruleId, r.title, h.level, h.field, h.value FROM rule_hits h
         JOIN rules r ON r.id = h.rule JOIN rule_sets rs ON rs.id = r.set_id WHERE rs.source = 'suricata'`,
      )
      .all();
    expect(rows).toEqual([
      {
        source: 'suricata',
        ruleId: '1:2006445:14',
        title: 'ET WEB_SERVER Possible SQL Injection Attempt SELECT FROM',
        level: 3,
        field: 'path',
        value: '/index.php',
      },
    ]);
    db.close();
  });

  it('stores no Suricata hit while the suricata set is turned off', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'v.db'));
    const fixture = path.resolve('test/fixtures/ingest/web/suricata-eve.json');
    await runImport(db, { file: fixture, enrich: false });
    const suricata = ruleSetInfos(db).find((set) => set.source === 'suricata');
    expect(suricata?.hits).toBe(1);
    disableRuleSet(db, suricata?.id ?? -1);
    // The same events a day later: new sessions, the same alert.
    const later = path.join(dir, 'eve-later.json');
    fs.writeFileSync(later, fs.readFileSync(fixture, 'utf8').replaceAll('2024-02-12T', '2024-02-13T'));
    const again = await runImport(db, { file: later, enrich: false });
    expect(again).toMatchObject({ status: 'done', duplicates: 0 });
    expect(again.stored).toBeGreaterThan(0);
    const suricataHits = `SELECT count(*) FROM rule_hits h JOIN rules r ON r.id = h.rule JOIN rule_sets s ON s.id = r.set_id
       WHERE s.source = 'suricata'`;
    expect(db.prepare(suricataHits).pluck().get()).toBe(0);
    db.close();
  });

  it('records Suricata hits again once its set is added back by name', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'v.db'));
    const fixture = path.resolve('test/fixtures/ingest/web/suricata-eve.json');
    await runImport(db, { file: fixture, enrich: false });
    const suricata = ruleSetInfos(db).find((set) => set.source === 'suricata');
    disableRuleSet(db, suricata?.id ?? -1);
    expect(addRuleFolder(db, 'suricata').set).toMatchObject({ source: 'suricata', enabled: true });
    const later = path.join(dir, 'eve-later.json');
    fs.writeFileSync(later, fs.readFileSync(fixture, 'utf8').replaceAll('2024-02-12T', '2024-02-13T'));
    await runImport(db, { file: later, enrich: false });
    expect(ruleSetInfos(db).find((set) => set.source === 'suricata')?.hits).toBe(1);
    db.close();
  });

  it('removes the hits of an import that is rolled back', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'v.db'));
    const record = await runImport(db, { file: writeLog(dir), enrich: false });
    expect(hitRows(db).length).toBeGreaterThan(0);
    rollBackImport(db, record.id);
    expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM rule_hits').pluck().get()).toBe(0);
    db.close();
  });

  it('shows no hit of a session whose import has not finished', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'v.db'));
    const record = await runImport(db, { file: writeLog(dir), enrich: false });
    const id = idsByIp(db).get('203.0.113.6') as number;
    expect(sessionRuleHits(db, id).length).toBeGreaterThan(0);
    db.prepare(`UPDATE imports SET status = 'running' WHERE id = ?`).run(record.id);
    expect(sessionRuleHits(db, id)).toEqual([]);
    db.close();
  });
});

/** A database with the log imported, and a folder holding one rule (not added yet). */
async function importedWithRule(rule: string[]) {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'v.db'));
  await runImport(db, { file: writeLog(dir), enrich: false });
  const rulesDir = path.join(dir, 'rules');
  fs.mkdirSync(rulesDir);
  fs.writeFileSync(path.join(rulesDir, 'rule.yml'), rule.join('\n'));
  return { db, rulesDir, before: hitRows(db) };
}

describe('rules run', () => {
  it('computes the hits of a folder added after the import, and is marked current', async () => {
    const { db, rulesDir, before } = await importedWithRule([
      'title: Shoe searches',
      'id: 0b8f8a52-3a0e-4f57-9a55-1d2f1d0f0001',
      'level: low',
      'logsource: { category: webserver }',
      'detection:',
      '  selection:',
      '    cs-uri-query|contains: shoes',
      '  condition: selection',
    ]);
    const load = addRuleFolder(db, rulesDir);
    expect(load).toMatchObject({ loaded: 1, refused: [] });
    expect(load.set.stale).toBe(true);
    expect(hitRows(db)).toEqual(before);

    const progress: number[] = [];
    const outcome = await runRulesOverDatabase(db, {
      onProgress: (p) => progress.push(p.sessions),
      progressIntervalMs: 0,
    });
    expect(outcome).toMatchObject({ sessions: 5, total: 5, cancelled: false });
    expect(progress.at(-1)).toBe(5);
    const after = hitRows(db);
    expect(after).toEqual(
      [...before, { ip: '203.0.113.9', title: 'Shoe searches', field: 'query' }].sort(
        (a, b) => a.ip.localeCompare(b.ip) || a.title.localeCompare(b.title),
      ),
    );
    expect(ruleSetInfos(db).every((set) => !set.stale)).toBe(true);
    db.close();
  });

  it('leaves the hits as they were when cancelled', async () => {
    const { db, rulesDir, before } = await importedWithRule([
      'title: Any GET',
      'id: 6f1e0c9a-2b7d-4e55-8c3a-0d9b8e7f6a51',
      'level: low',
      'logsource: { category: webserver }',
      'detection:',
      '  s:',
      '    cs-method: GET',
      '  condition: s',
    ]);
    addRuleFolder(db, rulesDir);
    const abort = new AbortController();
    abort.abort();
    const outcome = await runRulesOverDatabase(db, { signal: abort.signal });
    expect(outcome.cancelled).toBe(true);
    expect(hitRows(db)).toEqual(before);
    expect(ruleSetInfos(db).find((set) => set.kind === 'folder')?.stale).toBe(true);
    db.close();
  });
});
