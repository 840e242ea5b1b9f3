// `vigil case create` says what the new case holds with the one session count a case has
// everywhere (the list's "holds", the header, Activity, the report), and what was added beside it.
// Before, `case create --ip X` printed "Case 1 opened: 0 session(s), 1 IP(s)" while `case list`
// said the case held the IP's session.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, ingestedWith, runBuiltCli } from '../../helpers/built-cli.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
beforeAll(buildCliIfStale);
const vigil = runBuiltCli;

const ACCESS_LOG = [
  '192.0.2.1 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '192.0.2.1 - - [12/Feb/2024:10:01:00 +0000] "GET /login HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '192.0.2.2 - - [12/Feb/2024:10:05:00 +0000] "GET /admin HTTP/1.1" 403 12 "-" "curl/8.0"',
  '',
].join('\n');

describe('case create', () => {
  it('says the sessions the case holds, as case list and case show count them', async () => {
    const dir = tempDir();
    const db = await ingestedWith(dir, 'access.log', ACCESS_LOG);
    const made = await vigil('case', 'create', '--title', 'Probe', '--ip', '192.0.2.1', '--db', db);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout.trim()).toBe('Case 1 opened: holds 2 sessions (0 sessions and 1 IP added).');
    const list = await vigil('case', 'list', '--db', db, '--json');
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { sessionTotal: number }[])[0]?.sessionTotal).toBe(2);
    const show = await vigil('case', 'show', '1', '--db', db);
    expect(show.stdout).toContain('holds 2 sessions (0 sessions and 1 IP added)');
  });
});
