// Undo of a named action: the Triage view undoes the action it took, not whatever the analyst did
// last elsewhere (another tab, the Sessions drawer, the CLI under the same name). Undoing "the
// last action" from a page whose last action was another one took back a verdict on a session
// the page never showed, while the page believed its own verdict gone.
import { describe, expect, it } from 'vitest';
import { verdictsOf } from '../../../src-main/core/db/verdicts.js';
import { undoLastAction } from '../../../src-main/core/triage/undo.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { importGenerated, workspace } from './harness.js';

describe('undo of a named action', () => {
  it('undoes that action, leaving a later action of the same analyst in place', async () => {
    const ws = workspace();
    const [inTabA, inTabB] = await importGenerated(ws, 2);
    const a = setVerdict(ws.db, 'ana', { target: { sessionIds: [inTabA!] }, verdict: 'malicious' });
    setVerdict(ws.db, 'ana', { target: { sessionIds: [inTabB!] }, verdict: 'benign' });
    const undone = undoLastAction(ws.db, 'ana', a.actionId);
    expect(undone).toMatchObject({ undone: a.actionId, restored: 1, skipped: 0 });
    const now = verdictsOf(ws.db, [inTabA!, inTabB!]);
    expect([now.get(inTabA!)?.verdict, now.get(inTabB!)?.verdict]).toEqual([undefined, 'benign']);
  });

  it('refuses an action already undone, another analyst’s, or one that is not a verdict or tag', async () => {
    const ws = workspace();
    const [id] = await importGenerated(ws, 1);
    const a = setVerdict(ws.db, 'ana', { target: { sessionIds: [id!] }, verdict: 'malicious' });
    const undo = undoLastAction(ws.db, 'ana', a.actionId);
    expect(() => undoLastAction(ws.db, 'ana', a.actionId)).toThrow(
      `Action ${a.actionId} was already undone.`,
    );
    const bo = setVerdict(ws.db, 'bo', { target: { sessionIds: [id!] }, verdict: 'benign' });
    expect(() => undoLastAction(ws.db, 'ana', bo.actionId)).toThrow(
      `Action ${bo.actionId} is bo’s: only bo can undo it.`,
    );
    expect(() => undoLastAction(ws.db, 'ana', undo.undone! + 1)).toThrow(
      /cannot be undone: only a verdict or tag/,
    );
    expect(() => undoLastAction(ws.db, 'ana', 999)).toThrow('No action 999 in the audit log.');
    expect(verdictsOf(ws.db, [id!]).get(id!)?.verdict).toBe('benign');
  });
});
