// `vigil case delete ID`: an analyst who opened a case by mistake removes it, and the case stays
// evidence. Without --yes nothing is deleted: the command names the case and what it holds and
// exits 1. With --yes the case, its items, tag links and notes go (its sessions stay), the audit
// log keeps the whole case in its case-delete entry, and `vigil audit case ID` prints it. An
// unknown id is an error; a deletion confirmed for a case that changed since (an item added, a tag
// deleted that it carried) is refused (409 over HTTP), so what is deleted is what the analyst
// confirmed.
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/service.js';
import { StaleEditError } from '../../../src-main/core/triage/case-stale-edit.js';
import { callOperation } from '../../../src-shared/call.js';
import type { CaseDetail } from '../../../src-shared/cases.js';
import type { AuditEntry } from '../../../src-shared/triage.js';
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

/** A workspace with case 1 "Probe": session 1, IP 192.0.2.2, one note, tag "apt". */
async function withCase(): Promise<string> {
  const db = await ingestedWith(tempDir(), 'access.log', ACCESS_LOG);
  for (const args of [
    ['case', 'create', '--title', 'Probe', '--severity', 'high', '--session', '1', '--ip', '192.0.2.2'],
    ['case', 'note', '1', 'Opened from the wrong session.'],
    ['case', 'tag', '1', 'apt'],
  ]) {
    const run = await vigil(...args, '--db', db, '--analyst', 'ana');
    expect(run.code, run.stderr).toBe(0);
  }
  return db;
}

async function shown(db: string, id = 1): Promise<CaseDetail> {
  const show = await vigil('case', 'show', String(id), '--db', db, '--json');
  expect(show.code, show.stderr).toBe(0);
  return JSON.parse(show.stdout) as CaseDetail;
}

async function actions(db: string): Promise<number> {
  const log = await vigil('audit', 'verify', '--db', db, '--json');
  expect(log.code, log.stderr).toBe(0);
  return (JSON.parse(log.stdout) as { verified: number }).verified;
}

function rows(db: string, sql: string): number {
  const raw = new Database(db, { readonly: true });
  try {
    return raw.prepare(sql).pluck().get() as number;
  } finally {
    raw.close();
  }
}

describe('vigil case delete', () => {
  it('without --yes names what it would delete, deletes nothing and exits 1', async () => {
    const db = await withCase();
    const before = await shown(db);
    const logged = await actions(db);

    const asked = await vigil('case', 'delete', '1', '--db', db);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toBe(
      'Would delete case 1 "Probe" (high, open): 2 items (1 session and 1 IP) and 1 note.\n',
    );
    expect(asked.stderr).toBe(
      'Nothing deleted. To delete it, add --yes: vigil case delete 1 --yes (the audit log keeps a copy).\n',
    );
    const json = await vigil('case', 'delete', '1', '--db', db, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ deleted: null, ...before });

    expect(await shown(db)).toEqual(before);
    expect(await actions(db)).toBe(logged);
  });

  it('with --yes deletes the case, its items, tags and notes, and the audit log keeps all of it', async () => {
    const db = await withCase();
    const before = await shown(db);
    const sessions = rows(db, 'SELECT count(*) FROM sessions');

    const run = await vigil('case', 'delete', '1', '--yes', '--db', db, '--analyst', 'bob');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      'Deleted case 1 "Probe" (high, open): 2 items (1 session and 1 IP) and 1 note.\n' +
        'The audit log keeps a copy of the whole case: vigil audit case 1 shows it.\n',
    );
    const list = await vigil('case', 'list', '--db', db, '--json');
    expect(JSON.parse(list.stdout)).toEqual([]);
    for (const table of ['case_items', 'case_notes', 'case_tags'])
      expect(rows(db, `SELECT count(*) FROM ${table}`), table).toBe(0);
    // The sessions, and the tag itself, stay.
    expect(rows(db, 'SELECT count(*) FROM sessions')).toBe(sessions);
    expect(rows(db, `SELECT count(*) FROM tags WHERE name = 'apt'`)).toBe(1);

    // The audit entry holds the case exactly as `case show` gave it, signed by who deleted it.
    const history = await vigil('audit', 'case', '1', '--db', db, '--json');
    expect(history.code, history.stderr).toBe(0);
    const entries = JSON.parse(history.stdout) as AuditEntry[];
    expect(entries.map((e) => e.kind)).toEqual([
      'case-create',
      'case-create',
      'case-note',
      'case-tags',
      'case-delete',
    ]);
    expect(entries.at(-1)).toMatchObject({ analyst: 'bob', field: 'case', before, after: null });
    const text = await vigil('audit', 'case', '1', '--db', db);
    expect(text.stdout).toContain('Case 1 in the audit log: 4 action(s), oldest first.');
    expect(text.stdout).toMatch(/Deleted by bob at \S+ \(action 4\)\. The case as it was deleted:/);
    expect(text.stdout).toContain('Case 1: Probe');
    expect(text.stdout).toContain('Opened from the wrong session.');
    expect(text.stdout).toContain('ip 192.0.2.2');
    const verify = await vigil('audit', 'verify', '--db', db, '--json');
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, verified: 4 });

    // Asked for again, the case says it was deleted, by whom, and where its copy is.
    for (const args of [
      ['case', 'show', '1'],
      ['case', 'delete', '1', '--yes'],
    ]) {
      const gone = await vigil(...args, '--db', db);
      expect(gone.code).toBe(1);
      expect(gone.stderr).toMatch(
        /^vigil: No case with id 1: it was deleted by bob at \S+ \(vigil audit case 1 shows what it held\)\.\n$/,
      );
    }
    // A new case never takes the deleted one's id.
    const next = await vigil('case', 'create', '--title', 'Real one', '--db', db, '--json');
    expect(JSON.parse(next.stdout)).toMatchObject({ id: 2 });
  });

  it('refuses an unknown or malformed id, with or without --yes', async () => {
    const db = await withCase();
    for (const yes of [[], ['--yes']]) {
      const unknown = await vigil('case', 'delete', '99', ...yes, '--db', db);
      expect(unknown.code).toBe(1);
      expect(unknown.stdout).toBe('');
      expect(unknown.stderr).toBe('vigil: No case with id 99.\n');
    }
    const malformed = await vigil('case', 'delete', '0x1', '--yes', '--db', db);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('case id must be a positive whole number, not "0x1"');
    const history = await vigil('audit', 'case', '99', '--db', db);
    expect(history.code).toBe(1);
    expect(history.stderr).toBe('vigil: No case with id 99, and none in the audit log.\n');
    expect((await shown(db)).case.title).toBe('Probe');
  });

  it('says in its help what it deletes, that --yes is needed and where the copy is', async () => {
    const help = await vigil('case', 'delete', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--yes');
    expect(help.stdout).toContain('vigil audit case ID');
    expect(help.stdout).toContain('exits 1');
  });
});

describe('deleteCase with the version the analyst saw', () => {
  it('refuses a case changed since (an item added elsewhere), and deletes it as it is now', async () => {
    const db = await withCase();
    const seen = (await shown(db)).case.updatedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Another window, another analyst: an IP added after the analyst looked.
    const added = await vigil('case', 'add', '1', '--ip', '192.0.2.1', '--db', db, '--analyst', 'cy');
    expect(added.code, added.stderr).toBe(0);
    const logged = await actions(db);

    // The service as the CLI, the app and the server call it, on the same database file.
    const core = createCore({ dbPath: db, readWorkers: 0, analyst: 'ana' });
    try {
      const stale = await callOperation(core.service, 'deleteCase', { id: 1, was: { updatedAt: seen } });
      expect(stale.ok).toBe(false);
      if (stale.ok || stale.invalid) throw new Error('expected a refusal');
      // A conflict (HTTP 409), not a failure: the writer thread's error keeps its kind.
      expect(stale.thrown).toBeInstanceOf(StaleEditError);
      expect(stale.error).toMatch(
        /^Case 1 was changed by cy at \S+ since you looked at it: it is not deleted\. It now holds 3 items \(1 session and 2 IPs\) and 1 note; look at it again, then delete it if you still mean to\.$/,
      );
      const now = await callOperation(core.service, 'getCase', { id: 1 });
      if (!now.ok) throw new Error(now.error);
      expect((now.value as CaseDetail).items).toHaveLength(3);
      expect(await actions(db)).toBe(logged);

      // Confirmed for the case as it is now, it goes; callers that name no version are unchanged.
      const current = (now.value as CaseDetail).case.updatedAt;
      const deleted = await callOperation(core.service, 'deleteCase', { id: 1, was: { updatedAt: current } });
      expect(deleted).toMatchObject({ ok: true, value: { deleted: 1 } });
      const again = await callOperation(core.service, 'createCase', { title: 'Second' });
      if (!again.ok) throw new Error(again.error);
      expect(await callOperation(core.service, 'deleteCase', { id: 2 })).toMatchObject({ ok: true });
    } finally {
      await core.close();
    }
  });

  it('refuses a case a tag has left since (the tag deleted elsewhere), and deletes it as it is now', async () => {
    const db = await withCase();
    const seen = (await shown(db)).case.updatedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const core = createCore({ dbPath: db, readWorkers: 0, analyst: 'cy' });
    try {
      // Another window: the tag "apt" deleted from the tags list, which takes it off case 1.
      expect(await callOperation(core.service, 'deleteTag', { name: 'apt' })).toMatchObject({ ok: true });
      const now = await callOperation(core.service, 'getCase', { id: 1 });
      if (!now.ok) throw new Error(now.error);
      const current = (now.value as CaseDetail).case;
      expect(current.tags).toEqual([]);
      expect(current.updatedAt).toBeGreaterThan(seen);
      const logged = await actions(db);

      const stale = await callOperation(core.service, 'deleteCase', { id: 1, was: { updatedAt: seen } });
      if (stale.ok || stale.invalid) throw new Error('expected a refusal');
      expect(stale.thrown).toBeInstanceOf(StaleEditError);
      expect(stale.error).toMatch(
        /^Case 1 was changed by cy at \S+ since you looked at it: it is not deleted\. It now holds 2 items \(1 session and 1 IP\) and 1 note;/,
      );
      expect(await actions(db)).toBe(logged);

      const deleted = await callOperation(core.service, 'deleteCase', {
        id: 1,
        was: { updatedAt: current.updatedAt },
      });
      expect(deleted).toMatchObject({ ok: true, value: { deleted: 1 } });
    } finally {
      await core.close();
    }
  });
});
