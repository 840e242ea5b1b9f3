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
import { CHECKOUT_RULE, LOGIN_CHECKOUT_LINES, LOGIN_RULE, pathRule } from './login-checkout.js';

const tempDir = createTempDirs();

async function prepared() {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'a.log'), `${LOGIN_CHECKOUT_LINES.join('\n')}\n`);
  const db = openDatabase(path.join(dir, 'v.db'));
  await runImport(db, { file: path.join(dir, 'a.log'), enrich: false });
  const rules = path.join(dir, 'rules');
  fs.mkdirSync(rules);
  fs.writeFileSync(path.join(rules, 'login.yml'), LOGIN_RULE);
  fs.writeFileSync(path.join(rules, 'checkout.yml'), CHECKOUT_RULE);
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
      pathRule('Checkout requested', '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', '/checkout', 'selection and'),
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
      pathRule('Checkout requested', '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', '/nowhere'),
    );
    addRuleFolder(db, rules);
    expect(hitsOf()).toEqual({ stale: true, hits: { 'Login requested': 2, 'Checkout requested': 0 } });
    await runRulesOverDatabase(db, {});
    expect(hitsOf()).toEqual({ stale: false, hits: { 'Login requested': 2, 'Checkout requested': 0 } });
    db.close();
  });

  it('keeps the hits of a rule whose lines only moved (a comment written above it or in it)', async () => {
    const { db, rules, hitsOf } = await prepared();
    fs.writeFileSync(path.join(rules, 'checkout.yml'), `# reviewed\n${CHECKOUT_RULE}`);
    fs.writeFileSync(
      path.join(rules, 'login.yml'),
      LOGIN_RULE.replace('detection:', '# widened later\ndetection:'),
    );
    addRuleFolder(db, rules);
    expect(hitsOf()).toEqual({ stale: true, hits: { 'Login requested': 2, 'Checkout requested': 2 } });
    db.close();
  });
});
