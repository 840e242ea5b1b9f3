// Reloading a folder whose rule has no id, on a real database: the rule is known by an id derived
// from its file and title. Pasting that id into the rule keeps its hits (the same rule); renaming
// the file makes it another rule, and the old one's hits go with it rather than staying orphaned.
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
  '203.0.113.21 - - [12/Feb/2024:10:00:01 +0000] "GET /home HTTP/1.1" 200 90 "-" "Mozilla/5.0"',
  '203.0.113.23 - - [12/Feb/2024:10:00:03 +0000] "GET /login?next=/cart HTTP/1.1" 302 0 "-" "Mozilla/5.0"',
];

const LOGIN = (extra = '') =>
  `title: Login requested\n${extra}logsource: { category: webserver }\ndetection:\n  s:\n    cs-uri-stem: /login\n  condition: s\n`;

describe('reloading a folder whose rule has no id', () => {
  it('keeps the hits when the derived id is written into the rule, and drops them with a renamed file', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.log'), `${LINES.join('\n')}\n`);
    const db = openDatabase(path.join(dir, 'v.db'));
    try {
      await runImport(db, { file: path.join(dir, 'a.log'), enrich: false });
      const rules = path.join(dir, 'rules');
      fs.mkdirSync(rules);
      fs.writeFileSync(path.join(rules, 'login.yml'), LOGIN());
      addRuleFolder(db, rules);
      await runRulesOverDatabase(db, {});
      const listed = () => {
        const set = ruleSetInfos(db).find((s) => s.kind === 'folder');
        return { stale: set?.stale, rules: set?.rules.map((r) => [r.ruleId, r.derivedId, r.hits]) };
      };
      const first = listed();
      const id = first.rules?.[0]?.[0] as string;
      expect(first).toEqual({ stale: false, rules: [[id, true, 2]] });

      // The analyst pastes the id into the rule: the same rule, no longer derived, hits kept.
      fs.writeFileSync(path.join(rules, 'login.yml'), LOGIN(`id: ${id}\n`));
      addRuleFolder(db, rules);
      expect(listed().rules).toEqual([[id, false, 2]]);

      // Without the id again and under another file name: another rule, whose hits a run computes;
      // the old rule and its hits are gone, not left beside it.
      fs.rmSync(path.join(rules, 'login.yml'));
      fs.writeFileSync(path.join(rules, 'sign-in.yml'), LOGIN());
      addRuleFolder(db, rules);
      const renamed = listed();
      expect(renamed.stale).toBe(true);
      expect(renamed.rules).toEqual([[expect.not.stringMatching(id), true, 0]]);
      await runRulesOverDatabase(db, {});
      expect(listed().rules?.map((r) => r[2])).toEqual([2]);
      expect(db.prepare('SELECT count(*) FROM rule_hits').pluck().get()).toBe(2);
    } finally {
      db.close();
    }
  });
});
