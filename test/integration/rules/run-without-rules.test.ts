// `vigil rules run` when no enabled set has a rule to run (the pack turned off; a folder whose every
// rule is refused is not added at all): the run still covers the stored sessions and says so with
// their real count.
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
  '198.51.100.2 - - [12/Feb/2024:10:00:01 +0000] "GET /login HTTP/1.1" 200 90 "-" "Mozilla/5.0"',
  '198.51.100.3 - - [12/Feb/2024:10:00:02 +0000] "GET /.git/config HTTP/1.1" 404 0 "-" "Mozilla/5.0"',
];
// Refused: placeholders (expand) are not evaluated.
const REFUSED = `title: Internal path
id: 5e3b1c7a-9d2f-4a6e-8b1c-3f5d7e9a1b2c
level: low
logsource:
  category: webserver
detection:
  selection:
    cs-uri-stem|expand: '%internal_paths%'
  condition: selection
`;

describe('vigil rules run with no rule enabled', () => {
  it('counts the stored sessions', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const log = path.join(dir, 'access.log');
    fs.writeFileSync(log, `${LOG.join('\n')}\n`);
    expect((await cli(['ingest', log, '--db', db, '--json'])).error).toBeNull();
    expect((await cli(['rules', 'remove', 'pack', '--db', db])).error).toBeNull();
    const rulesDir = path.join(dir, 'my-rules');
    fs.mkdirSync(rulesDir);
    fs.writeFileSync(path.join(rulesDir, 'internal.yml'), REFUSED);
    const add = await cli(['rules', 'add', rulesDir, '--db', db]);
    expect(add.error?.message).toContain('No rule loaded from the 1 file; nothing was changed.');

    const run = await cli(['rules', 'run', '--db', db]);
    expect(run.error).toBeNull();
    expect(run.stdout).toContain('No rule is enabled: 0 hits over 3 sessions');

    const sets = JSON.parse((await cli(['rules', 'list', '--db', db, '--json'])).stdout) as {
      source: string;
    }[];
    expect(sets.map((set) => set.source)).toEqual(['pack']);
  });
});
