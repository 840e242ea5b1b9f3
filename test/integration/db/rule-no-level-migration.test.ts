// Migration 028: rules.no_level keeps the fact that a rule wrote no level beside the rank its hits
// sort at. A database written before it holds only the rank (0, informational's) for such a rule;
// the migration fills the flag from the rules its set stored when it was loaded (rules_json), so
// the hits already stored say "no level" at once, without loading the folder again.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerIngest } from '../../../src-main/cli/commands/ingest.js';
import { registerRules } from '../../../src-main/cli/commands/rules.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { sessionRuleHits } from '../../../src-main/core/db/rule-hits.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const cli = (args: string[]) => runCli([registerIngest, registerRules], args);

const rule = (title: string, id: string, level: string | null, path: string) =>
  [
    `title: ${title}`,
    `id: ${id}`,
    ...(level ? [`level: ${level}`] : []),
    'logsource: { category: webserver }',
    'detection:',
    '  selection:',
    `    cs-uri-stem|startswith: ${path}`,
    '  condition: selection',
    '',
  ].join('\n');

describe('migration 028: rules without a level', () => {
  it('flags the stored rules that wrote no level, and only those', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'v.db');
    fs.writeFileSync(
      path.join(dir, 'access.log'),
      [
        '198.51.100.2 - - [12/Feb/2024:10:00:01 +0000] "GET /backoffice/login HTTP/1.1" 200 90 "-" "Mozilla/5.0"',
        '198.51.100.3 - - [12/Feb/2024:10:00:02 +0000] "GET /brochure.pdf HTTP/1.1" 200 90 "-" "Mozilla/5.0"',
        '',
      ].join('\n'),
    );
    expect((await cli(['ingest', path.join(dir, 'access.log'), '--db', dbPath, '--json'])).error).toBeNull();
    const rulesDir = path.join(dir, 'rules');
    fs.mkdirSync(rulesDir);
    const none = '0b7f3c1e-6a0d-4a59-9f3e-5b2a9d1c7e40';
    const info = '3e1d8f20-7c4b-4d6a-8b0e-1a2c3d4e5f60';
    fs.writeFileSync(path.join(rulesDir, 'a.yml'), rule('Back office login', none, null, '/backoffice'));
    fs.writeFileSync(
      path.join(rulesDir, 'b.yml'),
      rule('Brochure download', info, 'informational', '/brochure'),
    );
    expect((await cli(['rules', 'add', rulesDir, '--db', dbPath])).stdout).toContain('2 rule(s) loaded');
    expect((await cli(['rules', 'run', '--db', dbPath])).error).toBeNull();

    // As a database at schema 27 holds it: the rank only.
    let db = openDatabase(dbPath);
    db.exec('ALTER TABLE rules DROP COLUMN no_level');
    db.pragma('user_version = 27');
    const ranks = db.prepare('SELECT rule_id, level FROM rules ORDER BY id').all();
    db.close();

    db = openDatabase(dbPath);
    try {
      const after = db.prepare('SELECT rule_id, level, no_level FROM rules ORDER BY id').all() as {
        rule_id: string;
        no_level: number;
      }[];
      // The ranks are untouched; the flag is set on the one rule without a level (not on the
      // informational one of the same rank, nor on any rule of the shipped pack).
      expect(after.map(({ no_level, ...rest }) => rest)).toEqual(ranks);
      expect(after.filter((r) => r.no_level === 1).map((r) => r.rule_id)).toEqual([none]);
      const hitOf = (ip: string) => {
        const id = db.prepare('SELECT id FROM sessions WHERE src_ip = ?').pluck().get(ip) as number;
        return sessionRuleHits(db, id).map((hit) => [hit.title, hit.level]);
      };
      expect(hitOf('198.51.100.2')).toEqual([['Back office login', null]]);
      expect(hitOf('198.51.100.3')).toEqual([['Brochure download', 'informational']]);
    } finally {
      db.close();
    }
  });
});
