// Each rule's ATT&CK techniques (its `attack.tNNNN[.NNN]` tags) in `vigil rules list`: in the
// JSON every face reads, and a column of `--rules`. The tactics (`attack.initial_access`) and other
// tags are not techniques.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerIngest } from '../../../src-main/cli/commands/ingest.js';
import { registerRules } from '../../../src-main/cli/commands/rules.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const cli = (args: string[]) => runCli([registerIngest, registerRules], args);

const LOG = [
  '198.51.100.1 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '198.51.100.2 - - [12/Feb/2024:10:00:01 +0000] "POST /login HTTP/1.1" 401 0 "-" "Mozilla/5.0"',
];

const TAGGED = `title: Failed sign-in
id: 7c2e9a41-3b5d-4f60-8e1a-2d4c6b8f0a13
level: low
tags:
  - attack.credential_access
  - attack.t1110.001
  - attack.T1078
  - cve.2021-44228
logsource:
  category: webserver
detection:
  selection:
    cs-uri-stem: /login
    sc-status: 401
  condition: selection
`;
const UNTAGGED = TAGGED.replace('Failed sign-in', 'Sign-in page')
  .replace('7c2e9a41-3b5d-4f60-8e1a-2d4c6b8f0a13', '7c2e9a41-3b5d-4f60-8e1a-2d4c6b8f0a14')
  .replace(/tags:\n( {2}- .*\n)+/, '');

interface ListedSet {
  source: string;
  rules: { title: string; techniques: string[] }[];
}

describe('vigil rules list: techniques', () => {
  it("lists each rule's ATT&CK techniques, in the JSON and as a column of --rules", async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const log = path.join(dir, 'access.log');
    fs.writeFileSync(log, `${LOG.join('\n')}\n`);
    expect((await cli(['ingest', log, '--db', db, '--json'])).error).toBeNull();
    const rulesDir = path.join(dir, 'my-rules');
    fs.mkdirSync(rulesDir);
    fs.writeFileSync(path.join(rulesDir, 'failed.yml'), TAGGED);
    fs.writeFileSync(path.join(rulesDir, 'page.yml'), UNTAGGED);
    expect((await cli(['rules', 'add', rulesDir, '--db', db])).error).toBeNull();

    const sets = JSON.parse((await cli(['rules', 'list', '--db', db, '--json'])).stdout) as ListedSet[];
    const rule = (source: string, title: string) =>
      sets.find((set) => set.source === source)?.rules.find((r) => r.title === title);
    expect(rule('pack', 'SQL injection in a web request')?.techniques).toEqual(['T1190']);
    expect(rule(rulesDir, 'Failed sign-in')?.techniques).toEqual(['T1110.001', 'T1078']);
    expect(rule(rulesDir, 'Sign-in page')?.techniques).toEqual([]);

    const table = (await cli(['rules', 'list', '--db', db, '--rules'])).stdout;
    expect(table).toMatch(/technique/);
    expect(table).toMatch(/T1110\.001, T1078 +Failed sign-in/);
    expect(table).toMatch(/T1190 +SQL injection in a web request/);
  });
});
