// A closed case is finished evidence: its sessions and IPs stay as they were closed. `vigil case
// add` (and --remove) on a closed case is refused with how to reopen it, and nothing is written or
// audited; a note (a closing note is normal) and a status change (reopen) still work. Before,
// `case add 1 --session 2` on a closed case printed "Added 1 session(s)" while the Sessions view's
// "Add to case" list hid closed cases.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, ingestedWith, runBuiltCli } from '../../helpers/built-cli.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
beforeAll(buildCliIfStale);
const vigil = runBuiltCli;

const ACCESS_LOG = [
  '192.0.2.1 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '192.0.2.2 - - [12/Feb/2024:10:05:00 +0000] "GET /admin HTTP/1.1" 403 12 "-" "curl/8.0"',
  '',
].join('\n');

async function items(db: string): Promise<string[]> {
  const show = await vigil('case', 'show', '1', '--db', db, '--json');
  expect(show.code, show.stderr).toBe(0);
  const detail = JSON.parse(show.stdout) as {
    items: { kind: string; sessionId: number | null; ip: string | null }[];
  };
  return detail.items.map((i) => (i.kind === 'ip' ? `ip ${i.ip}` : `session ${i.sessionId}`));
}

describe('a closed case', () => {
  it('refuses adding or removing sessions and IPs, keeps notes and reopening', async () => {
    const dir = tempDir();
    const db = await ingestedWith(dir, 'access.log', ACCESS_LOG);
    const made = await vigil(
      'case',
      'create',
      '--title',
      'Probe',
      '--session',
      '1',
      '--ip',
      '192.0.2.1',
      '--db',
      db,
    );
    expect(made.code, made.stderr).toBe(0);
    const closed = await vigil('case', 'update', '1', '--status', 'closed', '--db', db);
    expect(closed.code, closed.stderr).toBe(0);
    const audited = async () => {
      const log = await vigil('audit', 'verify', '--db', db, '--json');
      expect(log.code, log.stderr).toBe(0);
      return (JSON.parse(log.stdout) as { verified: number }).verified;
    };
    const actions = await audited();

    const refusal =
      'Case 1 is closed: reopen it (vigil case update 1 --status open) to change its sessions or IPs.';
    for (const args of [
      ['--session', '2'],
      ['--ip', '192.0.2.2'],
      ['--remove', '--session', '1'],
      ['--remove', '--ip', '192.0.2.1'],
    ]) {
      const run = await vigil('case', 'add', '1', ...args, '--db', db);
      expect(run.code, `${args.join(' ')}: ${run.stdout}`).toBe(1);
      expect(run.stderr).toContain(refusal);
    }
    expect(await items(db)).toEqual(['session 1', 'ip 192.0.2.1']);
    expect(await audited()).toBe(actions);

    // A closing note is part of closing a case.
    const note = await vigil('case', 'note', '1', 'Closed: benign scanner.', '--db', db);
    expect(note.code, note.stderr).toBe(0);

    // Reopened, it takes changes again.
    const reopened = await vigil('case', 'update', '1', '--status', 'open', '--db', db);
    expect(reopened.code, reopened.stderr).toBe(0);
    const added = await vigil('case', 'add', '1', '--session', '2', '--db', db);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('Added 1 session(s), 0 IP(s).');
    expect(await items(db)).toEqual(['session 1', 'ip 192.0.2.1', 'session 2']);
  });
});
