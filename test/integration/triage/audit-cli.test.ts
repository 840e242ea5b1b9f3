// `vigil audit verify` and the case report's audit section, through the built CLI: a chain that
// holds, one rewritten behind the triggers, and one whose newest actions were cut off.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, runBuiltCli } from '../../helpers/built-cli.js';
import { CLOUDWATCH_HEADER, cloudwatchRow } from '../../helpers/cloudwatch-rows.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

beforeAll(buildCliIfStale);
const vigil = runBuiltCli;

/** A database with three actions: a verdict, a case, a note. */
async function withActions(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = path.join(dir, 'v.db');
  const file = path.join(dir, 'four.csv');
  fs.writeFileSync(file, `${CLOUDWATCH_HEADER}\n${[0, 1, 2, 3].map((i) => cloudwatchRow(i)).join('\n')}\n`);
  for (const args of [
    ['ingest', file, '--no-enrich'],
    ['verdict', '--session', '1', '2', '--verdict', 'malicious', '--analyst', 'ana'],
    ['case', 'create', '--title', 'Night Owl', '--session', '1', '--analyst', 'ana'],
    ['case', 'note', '1', 'beaconing', '--analyst', 'ana'],
  ]) {
    const run = await vigil(...args, '--db', db);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }
  return { dir, db };
}

const headOf = (html: string) => /<meta name="vigil-audit-head" content="([0-9a-f]*)">/.exec(html)?.[1];

describe('vigil audit verify', () => {
  it('says the chain holds and prints its head; the case report states the same', async () => {
    const { dir, db } = await withActions();
    const run = await vigil('audit', 'verify', '--db', db);
    expect(run.code).toBe(0);
    const head = /Audit chain verified: 3 action\(s\)\. Head: action 3, SHA-256 ([0-9a-f]{64})\./.exec(
      run.stdout,
    )?.[1];
    expect(head).toBeDefined();

    const report = path.join(dir, 'case.html');
    expect((await vigil('report', '--case', '1', '--format', 'html', '--out', report, '--db', db)).code).toBe(
      0,
    );
    const html = fs.readFileSync(report, 'utf8');
    expect(html).toContain('<meta name="vigil-audit-chain" content="verified">');
    expect(headOf(html)).toBe(head);
    expect(html).toMatch(/Audit chain verified<\/strong>: all 3 recorded action\(s\) match their hashes/);
    expect(html).toContain(`vigil audit verify --expect ${head}`);

    const expected = await vigil('audit', 'verify', '--expect', head!, '--db', db, '--json');
    expect(expected.code).toBe(0);
    expect(JSON.parse(expected.stdout)).toMatchObject({ ok: true, expected: { hash: head, actionId: 3 } });
  });

  it('prints the first broken link and exits 1 after a rewrite; the report says the chain is broken', async () => {
    const { dir, db } = await withActions();
    const raw = new Database(db);
    raw.exec('DROP TRIGGER audit_actions_no_update');
    raw.prepare(`UPDATE audit_actions SET analyst = 'mallory' WHERE id = 2`).run();
    raw.close();

    const run = await vigil('audit', 'verify', '--db', db);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Audit chain broken at action 2: action 2 or its changes no longer match');
    expect(run.stdout).toMatch(
      /1 action\(s\) before it verified; last good link: action 1, SHA-256 [0-9a-f]{64}\./,
    );

    const report = path.join(dir, 'case.html');
    expect((await vigil('report', '--case', '1', '--format', 'html', '--out', report, '--db', db)).code).toBe(
      0,
    );
    const html = fs.readFileSync(report, 'utf8');
    expect(html).toContain('<meta name="vigil-audit-chain" content="broken">');
    expect(html).toMatch(/Audit chain broken<\/strong> at action 2/);
  });

  it('exits 1 when a head kept from before is no longer in the chain (the newest actions were cut)', async () => {
    const { db } = await withActions();
    const before = JSON.parse((await vigil('audit', 'verify', '--db', db, '--json')).stdout);
    const raw = new Database(db);
    raw.pragma('foreign_keys = OFF');
    raw.exec(
      'DROP TRIGGER audit_actions_no_delete; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_chain_no_delete',
    );
    for (const table of ['audit_log', 'audit_chain'])
      raw.prepare(`DELETE FROM ${table} WHERE action_id = 3`).run();
    raw.prepare('DELETE FROM audit_actions WHERE id = 3').run();
    raw.close();

    expect((await vigil('audit', 'verify', '--db', db)).code).toBe(0);
    const run = await vigil('audit', 'verify', '--expect', before.head.hash, '--db', db);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`No verified link holds ${before.head.hash}`);
    const bad = await vigil('audit', 'verify', '--expect', 'abc', '--db', db);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('vigil: --expect "abc": not a head hash (64 hexadecimal digits)\n');
  });

  it('names a change rewritten into text that is not JSON, instead of a parse error, wherever history is read', async () => {
    const { dir, db } = await withActions();
    const raw = new Database(db);
    raw.exec('DROP TRIGGER audit_log_no_update');
    const change = raw
      .prepare(`SELECT id FROM audit_log WHERE entity = 'session' AND entity_id = '1' ORDER BY id LIMIT 1`)
      .pluck()
      .get();
    raw.prepare(`UPDATE audit_log SET after = 'benign' WHERE id = ?`).run(change);
    const caseChange = raw
      .prepare(`SELECT id FROM audit_log WHERE entity = 'case' ORDER BY id LIMIT 1`)
      .pluck()
      .get();
    raw.prepare(`UPDATE audit_log SET before = '{oops' WHERE id = ?`).run(caseChange);
    raw.close();

    const unreadable = (id: unknown) =>
      `audit change ${id} holds a value that is not JSON: the audit log was edited outside Vigil (vigil audit verify names the broken action)`;
    const history = await vigil('verdict', '--history', '1', '--db', db);
    expect(history.code).toBe(1);
    expect(history.stderr).toBe(`vigil: ${unreadable(change)}\n`);
    const report = await vigil(
      'report',
      '--case',
      '1',
      '--format',
      'html',
      '--out',
      path.join(dir, 'r.html'),
      '--db',
      db,
    );
    expect(report.code).toBe(1);
    expect(report.stderr).toBe(`vigil: ${unreadable(caseChange)}\n`);
    expect((await vigil('audit', 'verify', '--db', db)).code).toBe(1);
  });

  it('explains itself in --help', async () => {
    const help = (await vigil('audit', 'verify', '--help')).stdout;
    for (const word of ['--expect', 'SHA-256', 'exit 1', '--db', '--json']) expect(help).toContain(word);
  });
});
