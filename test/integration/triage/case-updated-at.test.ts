// A case is evidence, and its updated time is what says it changed: the case list shows and sorts by
// it, and a deletion confirmed for the case as it was (the Delete dialog, `vigil case delete ID
// --yes`) is refused once it has moved. So every change of what the case holds moves it, whichever
// way it comes (its fields, items, tags, notes; a tag deleted that it carried; its sessions rolled
// back with their import), and the case's history names that change as the last one. What is not
// the case's own (a verdict on one of its sessions, a tag renamed, new sessions of one of its IPs)
// leaves it where it was: the case still holds the same things, and deleting it takes none of those.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entityHistory } from '../../../src-main/core/db/audit.js';
import { getCase } from '../../../src-main/core/db/cases.js';
import { recoverInterruptedImports } from '../../../src-main/core/db/import-rollback.js';
import { casesService } from '../../../src-main/core/services/cases.js';
import { triageService } from '../../../src-main/core/services/triage.js';
import { StaleEditError } from '../../../src-main/core/triage/case-stale-edit.js';
import { cloudwatchLine, importLines, type Workspace, workspace } from './harness.js';

afterEach(() => vi.restoreAllMocks());

interface World {
  ws: Workspace;
  core: ReturnType<typeof triageService> & ReturnType<typeof casesService>;
  /** The case: session `held`, IP 203.0.113.9, tag "c2", one note. */
  id: number;
  held: number;
  /** A stored session the case does not hold. */
  free: number;
}

const IP = '203.0.113.9';

async function world(): Promise<World> {
  const ws = workspace();
  const context = { db: ws.db, emit: () => {}, analyst: 'bo' };
  const core = { ...triageService(context), ...casesService(context) };
  const [held, free] = (await importLines(ws, [
    cloudwatchLine({ srcIp: '198.51.100.8' }),
    cloudwatchLine({ srcIp: '198.51.100.9' }),
  ])) as [number, number];
  const { case: c } = await core.createCase({
    title: 'Beacon',
    severity: 'high',
    summary: '',
    sessionIds: [held],
    ips: [IP],
  });
  await core.tagCase({ caseId: c.id, tags: ['c2'], on: true });
  await core.addCaseNote({ caseId: c.id, body: 'Seen from the proxy.' });
  return { ws, core, id: c.id, held, free };
}

const items = (sessionIds: number[], ips: string[]) => ({ sessionIds, ips });

/** Each change of the case, and what has to be in place before the analyst looks (if anything). */
const CHANGES: {
  what: string;
  before?(w: World): Promise<unknown>;
  change(w: World): Promise<unknown> | unknown;
  by?: string;
}[] = [
  { what: 'its title', change: ({ core, id }) => core.updateCase({ id, title: 'Beacon (C2)' }) },
  { what: 'its severity', change: ({ core, id }) => core.updateCase({ id, severity: 'critical' }) },
  { what: 'its status', change: ({ core, id }) => core.updateCase({ id, status: 'in_progress' }) },
  { what: 'its summary', change: ({ core, id }) => core.updateCase({ id, summary: 'C2 confirmed.' }) },
  {
    what: 'a session added',
    change: ({ core, id, free }) => core.editCaseItems({ caseId: id, add: true, ...items([free], []) }),
  },
  {
    what: 'an IP added',
    change: ({ core, id }) => core.editCaseItems({ caseId: id, add: true, ...items([], ['192.0.2.7']) }),
  },
  {
    what: 'a session removed',
    change: ({ core, id, held }) => core.editCaseItems({ caseId: id, add: false, ...items([held], []) }),
  },
  {
    what: 'an IP removed',
    change: ({ core, id }) => core.editCaseItems({ caseId: id, add: false, ...items([], [IP]) }),
  },
  { what: 'a tag added', change: ({ core, id }) => core.tagCase({ caseId: id, tags: ['apt'], on: true }) },
  { what: 'a tag removed', change: ({ core, id }) => core.tagCase({ caseId: id, tags: ['c2'], on: false }) },
  {
    what: 'a note',
    change: ({ core, id }) => core.addCaseNote({ caseId: id, body: 'Blocked at the edge.' }),
  },
  { what: 'a tag it carries deleted', change: ({ core }) => core.deleteTag({ name: 'c2' }) },
  {
    what: 'its session rolled back with an import that did not finish',
    // What an older version could leave: a case holding a session of an import still 'running'
    // by a process that is gone. Any writable open rolls it back (db/open.ts).
    before: async ({ ws, core, id }) => {
      const [late] = await importLines(ws, [cloudwatchLine({ srcIp: '198.51.100.10' })]);
      await core.editCaseItems({ caseId: id, add: true, ...items([late as number], []) });
      ws.db
        .prepare(
          `UPDATE imports SET status = 'running', owner_pid = NULL, heartbeat_at = NULL
           WHERE id = (SELECT import_id FROM sessions WHERE id = ?)`,
        )
        .run(late);
    },
    change: ({ ws }) => expect(recoverInterruptedImports(ws.db)).toHaveLength(1),
    by: 'vigil',
  },
];

/** What is not a change of the case, with why. */
const NOT_CHANGES: { what: string; change(w: World): Promise<unknown> }[] = [
  // A verdict is the session's: the session may be in many cases (or none), and deleting the case
  // takes no verdict with it. The case's report and timeline still read it from the audit log.
  {
    what: 'a verdict on a session it holds',
    change: ({ core, held }) => core.setVerdict({ target: { sessionIds: [held] }, verdict: 'malicious' }),
  },
  // The case carries the same tag (by id); the rename is recorded under the tag.
  { what: 'a tag it carries renamed', change: ({ core }) => core.saveTag({ name: 'c2', rename: 'beacon' }) },
  {
    what: 'a tag it carries recoloured',
    change: ({ core }) => core.saveTag({ name: 'c2', colour: '#123456' }),
  },
  { what: 'a tag it does not carry deleted', change: ({ core }) => core.deleteTag({ name: 'apt' }) },
  // An IP item holds every session from or to it: new ones join without the case changing.
  {
    what: 'new sessions of one of its IPs',
    change: ({ ws }) => importLines(ws, [cloudwatchLine({ srcIp: IP })]),
  },
  { what: 'its own values again', change: ({ core, id }) => core.updateCase({ id, title: 'Beacon' }) },
  {
    what: 'a session it holds, added again',
    change: ({ core, id, held }) => core.editCaseItems({ caseId: id, add: true, ...items([held], []) }),
  },
  {
    what: 'a tag it carries, again',
    change: ({ core, id }) => core.tagCase({ caseId: id, tags: ['c2'], on: true }),
  },
];

describe("a case's updated time", () => {
  it.each(CHANGES)('moves with $what, and a deletion confirmed before is refused', async (c) => {
    const w = await world();
    await c.before?.(w);
    const seen = getCase(w.ws.db, w.id)!.updatedAt;

    const later = seen + 60_000;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    await c.change(w);
    vi.restoreAllMocks();

    expect(getCase(w.ws.db, w.id)!.updatedAt).toBe(later);
    // The case's history ends with this change, at that time: the refusal names who made it.
    expect(entityHistory(w.ws.db, 'case', w.id).at(-1)).toMatchObject({ at: later, analyst: c.by ?? 'bo' });
    const stale = w.core.deleteCase({ id: w.id, was: { updatedAt: seen } });
    await expect(stale).rejects.toBeInstanceOf(StaleEditError);
    await expect(stale).rejects.toThrow(`was changed by ${c.by ?? 'bo'} at ${new Date(later).toISOString()}`);
    expect(getCase(w.ws.db, w.id)).toBeDefined();
  });

  // Two changes a script makes within one millisecond: the second still moves the time, or a
  // deletion confirmed between them would take a case the analyst never saw.
  it.each(CHANGES)('moves with $what made in the millisecond it was seen at', async (c) => {
    const w = await world();
    await c.before?.(w);
    const seen = getCase(w.ws.db, w.id)!.updatedAt;

    vi.spyOn(Date, 'now').mockReturnValue(seen);
    await c.change(w);
    vi.restoreAllMocks();

    expect(getCase(w.ws.db, w.id)!.updatedAt).toBeGreaterThan(seen);
    await expect(w.core.deleteCase({ id: w.id, was: { updatedAt: seen } })).rejects.toBeInstanceOf(
      StaleEditError,
    );
  });

  it.each(NOT_CHANGES)('stays with $what', async (c) => {
    const w = await world();
    await w.core.saveTag({ name: 'apt' });
    const seen = getCase(w.ws.db, w.id)!.updatedAt;

    vi.spyOn(Date, 'now').mockReturnValue(seen + 60_000);
    await c.change(w);
    vi.restoreAllMocks();

    expect(getCase(w.ws.db, w.id)!.updatedAt).toBe(seen);
    await expect(w.core.deleteCase({ id: w.id, was: { updatedAt: seen } })).resolves.toEqual({
      deleted: w.id,
    });
  });
});
