// Deleting a tag takes it off every session and case that carried it: that is evidence changing, so
// it is one audited action naming each of them, and the deleted tag's id never labels a new tag
// (an undo of an old tag action names the tag by id). A case it leaves has changed: its updated
// time moves, so the case list sorts it as changed and a deletion confirmed before is refused.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entityHistory } from '../../../src-main/core/db/audit.js';
import { getCase } from '../../../src-main/core/db/cases.js';
import { findTag } from '../../../src-main/core/db/tags.js';
import { casesService } from '../../../src-main/core/services/cases.js';
import { triageService } from '../../../src-main/core/services/triage.js';
import { createCase, tagCase } from '../../../src-main/core/triage/case-actions.js';
import { StaleEditError } from '../../../src-main/core/triage/case-stale-edit.js';
import { tagSessions } from '../../../src-main/core/triage/tag-actions.js';
import { cloudwatchLine, importLines, workspace } from './harness.js';

afterEach(() => vi.restoreAllMocks());

const newCase = (ws: ReturnType<typeof workspace>, title: string) =>
  createCase(ws.db, 'ana', { title, severity: 'high', summary: '', ips: [], sessionIds: [] });

describe('deleting a tag', () => {
  it('is audited on every session and case it leaves, and its id is never reused', async () => {
    const ws = workspace();
    const ids = await importLines(ws, [
      cloudwatchLine({ srcIp: '198.51.100.8' }),
      cloudwatchLine({ srcIp: '198.51.100.9' }),
    ]);
    tagSessions(ws.db, 'ana', { tag: 'c2', sessionIds: ids, on: true });
    const caseId = createCase(ws.db, 'ana', {
      title: 't',
      severity: 'high',
      summary: '',
      ips: [],
      sessionIds: [],
    });
    tagCase(ws.db, 'ana', { caseId, tags: ['c2'], on: true });
    const tagId = findTag(ws.db, 'c2')!.id;

    const core = triageService({ db: ws.db, emit: () => {}, analyst: 'bo' });
    await core.deleteTag({ name: 'c2' });

    for (const id of ids) {
      const last = entityHistory(ws.db, 'session', id).at(-1)!;
      expect(last).toMatchObject({ kind: 'tag-delete', analyst: 'bo' });
      expect(last.after).toMatchObject({ tag: 'c2', present: false });
    }
    expect(entityHistory(ws.db, 'case', caseId).at(-1)).toMatchObject({
      kind: 'tag-delete',
      before: ['c2'],
      after: [],
    });
    tagSessions(ws.db, 'ana', { tag: 'benign-scanner', sessionIds: ids, on: true });
    expect(findTag(ws.db, 'benign-scanner')!.id).toBeGreaterThan(tagId);
  });

  it('moves the updated time of every case it leaves: a deletion confirmed before is refused', async () => {
    const ws = workspace();
    const context = { db: ws.db, emit: () => {}, analyst: 'bo' };
    const core = { ...triageService(context), ...casesService(context) };
    const carrier = newCase(ws, 'Beacon');
    tagCase(ws.db, 'ana', { caseId: carrier, tags: ['c2'], on: true });
    const other = newCase(ws, 'Scanner sweep');
    tagCase(ws.db, 'ana', { caseId: other, tags: ['scanner'], on: true });
    // What the Delete dialog (or `vigil case delete ID --yes`) read before the tag went.
    const seen = getCase(ws.db, carrier)!.updatedAt;
    const otherSeen = getCase(ws.db, other)!.updatedAt;

    const later = Math.max(seen, otherSeen) + 60_000;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    await core.deleteTag({ name: 'c2' });
    vi.restoreAllMocks();

    expect(getCase(ws.db, carrier)).toMatchObject({ tags: [], updatedAt: later });
    // A case that did not carry the tag has not changed.
    expect(getCase(ws.db, other)!.updatedAt).toBe(otherSeen);
    // The case list, most recently updated first, puts the case the tag left first.
    expect((await core.listCases({})).map((c) => c.id)).toEqual([carrier, other]);

    const stale = core.deleteCase({ id: carrier, was: { updatedAt: seen } });
    await expect(stale).rejects.toBeInstanceOf(StaleEditError);
    await expect(stale).rejects.toThrow(
      new RegExp(
        `^Case ${carrier} was changed by bo at ${new Date(later).toISOString()} since you looked at it: it is not deleted\\.`,
      ),
    );
    expect(getCase(ws.db, carrier)).toBeDefined();
    // Confirmed for the case as it is now, it goes.
    await expect(core.deleteCase({ id: carrier, was: { updatedAt: later } })).resolves.toEqual({
      deleted: carrier,
    });
  });
});

describe('renaming a tag', () => {
  it('is audited: every session and case carrying it now shows another name', async () => {
    const ws = workspace();
    const ids = await importLines(ws, [cloudwatchLine({ srcIp: '198.51.100.8' })]);
    tagSessions(ws.db, 'ana', { tag: 'c2', sessionIds: ids, on: true });
    const tagId = findTag(ws.db, 'c2')!.id;
    const core = triageService({ db: ws.db, emit: () => {}, analyst: 'bo' });
    await core.saveTag({ name: 'c2', rename: 'false-positive' });
    expect(entityHistory(ws.db, 'tag', tagId).at(-1)).toMatchObject({
      kind: 'tag-update',
      analyst: 'bo',
      before: { name: 'c2' },
      after: { name: 'false-positive' },
    });
  });
});
