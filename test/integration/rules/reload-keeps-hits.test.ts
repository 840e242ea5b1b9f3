// Reloading a folder after one of its rules changed or broke: the other rules, unchanged, keep
// their hits (what they matched is still what they match); only the changed or refused rule's hits
// go, and the set says it changed until the next run. Real SQLite, a real access log.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { ruleSetInfos } from '../../../src-main/core/db/rule-sets.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { addRuleFolder } from '../../../src-main/core/rule-hits/rule-set-load.js';
import { runRulesOverDatabase } from '../../../src-main/core/rule-hits/rules-run.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

const LINES = [
  '203.0.113.20 - - [12/Feb/2024:10:00:00 +0000] "GET /login HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '203.0.113.21 - - [12/Feb/2024:10:00:01 +0000] "GET /checkout?step=2 HTTP/1.1" 200 90 "-" "Mozilla/5.0"',
  '203.0.113.22 - - [12/Feb/2024:10:00:02 +0000] "GET /checkout?step=3 HTTP/1.1" 200 90 "-" "Mozilla/5.0"',
  '203.0.113.23 - - [12/Feb/2024:10:00:03 +0000] "GET /login?next=/cart HTTP/1.1" 302 0 "-" "Mozilla/5.0"',
];

const rule = (title: string, id: string, path: string, condition = 'selection') =>
  [
    `title: ${title}`,
    `id: ${id}`,
    'level: high',
    'logsource: { category: webserver }',
    'detection:',
    '  selection:',
    `    cs-uri-stem: ${path}`,
    `  condition: ${condition}`,
  ].join('\n');

const LOGIN = rule('Login requested', '0b4d2c8e-7a1f-4e3b-9c5d-6f8a1b2c3d4e', '/login');
const CHECKOUT = rule('Checkout requested', '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', '/checkout');

async function prepared() {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'a.log'), `${LINES.join('\n')}\n`);
  const db = openDatabase(path.join(dir, 'v.db'));
  await runImport(db, { file: path.join(dir, 'a.log'), enrich: false });
  const rules = path.join(dir, 'rules');
  fs.mkdirSync(rules);
  fs.writeFileSync(path.join(rules, 'login.yml'), LOGIN);
  fs.writeFileSync(path.join(rules, 'checkout.yml'), CHECKOUT);
  addRuleFolder(db, rules);
  await runRulesOverDatabase(db, {});
  const hitsOf = () => {
    const set = ruleSetInfos(db).find((s) => s.kind === 'folder');
    return { stale: set?.stale, hits: Object.fromEntries((set?.rules ?? []).map((r) => [r.title, r.hits])) };
  };
  return { db, rules, hitsOf };
}

describe('reloading a folder whose rule changed', () => {
  it('keeps the hits of the rules that did not change when another one breaks', async () => {
    const { db, rules, hitsOf } = await prepared();
    expect(hitsOf()).toEqual({ stale: false, hits: { 'Login requested': 2, 'Checkout requested': 2 } });
    // A typo in the checkout rule: it is refused, and only its hits go.
    fs.writeFileSync(
      path.join(rules, 'checkout.yml'),
      rule('Checkout requested', '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', '/checkout', 'selection and'),
    );
    const load = addRuleFolder(db, rules);
    expect(load.refused.map((r) => r.file)).toEqual(['checkout.yml']);
    expect(hitsOf()).toEqual({ stale: true, hits: { 'Login requested': 2 } });
    db.close();
  });

  it('drops the hits of a changed rule and keeps the others, until the run computes them again', async () => {
    const { db, rules, hitsOf } = await prepared();
    fs.writeFileSync(
      path.join(rules, 'checkout.yml'),
      rule('Checkout requested', '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', '/nowhere'),
    );
    addRuleFolder(db, rules);
    expect(hitsOf()).toEqual({ stale: true, hits: { 'Login requested': 2, 'Checkout requested': 0 } });
    await runRulesOverDatabase(db, {});
    expect(hitsOf()).toEqual({ stale: false, hits: { 'Login requested': 2, 'Checkout requested': 0 } });
    db.close();
  });

  it('keeps the hits of a rule whose lines only moved (a comment written above it or in it)', async () => {
    const { db, rules, hitsOf } = await prepared();
    fs.writeFileSync(path.join(rules, 'checkout.yml'), `# reviewed\n${CHECKOUT}`);
    fs.writeFileSync(
      path.join(rules, 'login.yml'),
      LOGIN.replace('detection:', '# widened later\ndetection:'),
    );
    addRuleFolder(db, rules);
    expect(hitsOf()).toEqual({ stale: true, hits: { 'Login requested': 2, 'Checkout requested': 2 } });
    db.close();
  });
});
