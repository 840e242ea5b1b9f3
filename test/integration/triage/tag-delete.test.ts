// Deleting a tag takes it off every session and case that carried it: that is evidence changing, so
// it is one audited action naming each of them, and the deleted tag's id never labels a new tag
// (an undo of an old tag action names the tag by id).
import { describe, expect, it } from 'vitest';
import { entityHistory } from '../../../src-main/core/db/audit.js';
import { findTag } from '../../../src-main/core/db/tags.js';
import { triageService } from '../../../src-main/core/services/triage.js';
import { createCase, tagCase } from '../../../src-main/core/triage/case-actions.js';
import { tagSessions } from '../../../src-main/core/triage/tag-actions.js';
import { cloudwatchLine, importLines, workspace } from './harness.js';

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
