// `vigil case update` that changes nothing records nothing: no "case updated — no change" action
// in the audit log and the report's timeline, and the case's "updated" time (and its place at the
// top of the list) stays. Before, `case update 1 --status open` on an open case, or `case update
// 1` with no option at all, printed "Case 1 updated.", bumped the time and put an analyst's empty
// change into the case's evidence, once per run.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, ingestedWith, runBuiltCli } from '../../helpers/built-cli.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
beforeAll(buildCliIfStale);
const vigil = runBuiltCli;

const ACCESS_LOG =
  '192.0.2.1 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n';

async function updatedAt(db: string): Promise<number> {
  const show = await vigil('case', 'show', '1', '--db', db, '--json');
  expect(show.code, show.stderr).toBe(0);
  return (JSON.parse(show.stdout) as { case: { updatedAt: number } }).case.updatedAt;
}

/** The "what" cells of the HTML report's timeline. */
async function timeline(dir: string, db: string): Promise<string[]> {
  const out = path.join(dir, 'case-1.html');
  const run = await vigil('report', '--case', '1', '--format', 'html', '--out', out, '--db', db);
  expect(run.code, run.stderr).toBe(0);
  const page = fs.readFileSync(out, 'utf8');
  const section = page.slice(page.indexOf('<h2>Timeline'), page.indexOf('<div class="charts">'));
  return [...section.matchAll(/<td class="nowrap">(case [a-z]+)<\/td>/g)].map((m) => m[1] as string);
}

describe('vigil case update that changes nothing', () => {
  it('says so, and records nothing', async () => {
    const dir = tempDir();
    const db = await ingestedWith(dir, 'access.log', ACCESS_LOG);
    const made = await vigil('case', 'create', '--title', 'Probe', '--session', '1', '--db', db);
    expect(made.code, made.stderr).toBe(0);
    const before = await updatedAt(db);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const same = await vigil('case', 'update', '1', '--status', 'open', '--title', 'Probe', '--db', db);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain('Case 1: no change');
    const none = await vigil('case', 'update', '1', '--db', db);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('--title, --severity, --status or --summary');

    expect(await updatedAt(db)).toBe(before);
    expect(await timeline(dir, db)).toEqual(['case opened']);

    // A real change is still recorded, once.
    const closed = await vigil('case', 'update', '1', '--status', 'closed', '--db', db);
    expect(closed.stdout).toContain('Case 1 updated');
    expect(await timeline(dir, db)).toEqual(['case opened', 'case updated']);
  });

  // Before, adding what the case already held (or removing what it did not) bumped its time and
  // recorded an empty "added to case 1: 0 session(s), 0 IP(s)" action in the audit log.
  it('adding what the case already holds, or removing what it does not, records nothing', async () => {
    const dir = tempDir();
    const db = await ingestedWith(dir, 'access.log', ACCESS_LOG);
    const made = await vigil('case', 'create', '--title', 'Probe', '--session', '1', '--db', db);
    expect(made.code, made.stderr).toBe(0);
    const before = await updatedAt(db);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const again = await vigil('case', 'add', '1', '--session', '1', '--db', db);
    expect(again.stdout).toContain('Added 0 session(s), 0 IP(s).');
    const absent = await vigil('case', 'add', '1', '--remove', '--ip', '192.0.2.200', '--db', db);
    expect(absent.stdout).toContain('Removed 0 session(s), 0 IP(s).');

    expect(await updatedAt(db)).toBe(before);
    const log = await vigil('audit', 'verify', '--db', db, '--json');
    expect(log.code, log.stderr).toBe(0);
    expect(JSON.parse(log.stdout)).toMatchObject({ verified: 1 });
  });
});
