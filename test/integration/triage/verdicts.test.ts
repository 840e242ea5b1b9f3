// Verdicts: single, bulk and per-IP actions, undo, history, labels for training, two connections
// at once, and persistence across reopening the database.
import { describe, expect, it } from 'vitest';
import { entityHistory } from '../../../src-main/core/db/audit.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { verdictLabels, verdictsOf } from '../../../src-main/core/db/verdicts.js';
import { analystName, setAnalystName } from '../../../src-main/core/triage/analyst.js';
import { tagSessions } from '../../../src-main/core/triage/tag-actions.js';
import { undoLastAction } from '../../../src-main/core/triage/undo.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { cloudwatchLine, importGenerated, importLines, workspace } from './harness.js';

describe('verdicts', () => {
  it('are set on one session, on several, and on every session of a source IP, as one action each', async () => {
    const ws = workspace();
    const ids = await importGenerated(ws, 400);
    const one = setVerdict(ws.db, 'ana', {
      target: { sessionIds: [ids[0]!] },
      verdict: 'malicious',
      note: 'sqli',
    });
    expect(one.changed).toBe(1);
    const bulk = setVerdict(ws.db, 'ana', { target: { sessionIds: ids.slice(1, 6) }, verdict: 'benign' });
    expect(bulk.changed).toBe(5);
    const ip = '198.51.100.7';
    const fromIp = await importLines(
      ws,
      ['2024-04-26T01:00:00Z', '2024-04-26T02:00:00Z', '2024-04-26T03:00:00Z'].map((start) =>
        cloudwatchLine({ srcIp: ip, start }),
      ),
    );
    expect(fromIp).toHaveLength(3);
    const byIp = setVerdict(ws.db, 'bob', { target: { srcIp: ip }, verdict: 'review' });
    expect(byIp.changed).toBe(fromIp.length);
    const current = verdictsOf(ws.db, [ids[0]!, ids[3]!, ...fromIp]);
    expect(current.get(ids[0]!)).toMatchObject({ verdict: 'malicious', analyst: 'ana', note: 'sqli' });
    expect(current.get(ids[3]!)?.verdict).toBe('benign');
    for (const id of fromIp) expect(current.get(id)).toMatchObject({ verdict: 'review', analyst: 'bob' });
    expect(() => setVerdict(ws.db, 'ana', { target: { sessionIds: [999_999] }, verdict: 'benign' })).toThrow(
      /No stored session with id 999999/,
    );
  });

  it('count as changed only the sessions whose verdict, kind or note the action changed', async () => {
    const ws = workspace();
    const ids = await importGenerated(ws, 10);
    const [a, b, c] = [ids[0]!, ids[1]!, ids[2]!];
    setVerdict(ws.db, 'ana', { target: { sessionIds: [a, b] }, verdict: 'malicious' });
    // a and b already malicious, c had none: one changed of three covered.
    const again = setVerdict(ws.db, 'bob', { target: { sessionIds: [a, b, c] }, verdict: 'malicious' });
    expect(again).toMatchObject({ changed: 1, covered: 3 });
    // The same verdict with a note, or with a kind, is a change.
    expect(
      setVerdict(ws.db, 'bob', { target: { sessionIds: [a] }, verdict: 'malicious', note: 'seen twice' }),
    ).toMatchObject({ changed: 1, covered: 1 });
    expect(
      setVerdict(ws.db, 'bob', { target: { sessionIds: [b] }, verdict: 'malicious', kind: 'sql_injection' }),
    ).toMatchObject({ changed: 1, covered: 1 });
    expect(setVerdict(ws.db, 'ana', { target: { sessionIds: [c] }, verdict: 'malicious' })).toMatchObject({
      changed: 0,
      covered: 1,
    });
  });

  it('keep a history per session and undo the last action of the analyst who undoes', async () => {
    const ws = workspace();
    const ids = await importGenerated(ws, 10);
    setVerdict(ws.db, 'ana', { target: { sessionIds: [ids[0]!] }, verdict: 'review' });
    setVerdict(ws.db, 'ana', {
      target: { sessionIds: [ids[0]!, ids[1]!] },
      verdict: 'malicious',
      note: 'c2',
    });
    tagSessions(ws.db, 'ana', { tag: 'evidence', sessionIds: [ids[0]!], on: true });

    expect(undoLastAction(ws.db, 'ana')).toMatchObject({ restored: 1, skipped: 0 });
    expect(ws.db.prepare('SELECT count(*) FROM session_tags').pluck().get()).toBe(0);
    const undone = undoLastAction(ws.db, 'ana');
    expect(undone).toMatchObject({ restored: 2, skipped: 0 });
    expect(verdictsOf(ws.db, [ids[0]!]).get(ids[0]!)?.verdict).toBe('review');
    expect(verdictsOf(ws.db, [ids[1]!]).has(ids[1]!)).toBe(false);
    expect(undoLastAction(ws.db, 'ana').restored).toBe(1);
    expect(verdictsOf(ws.db, [ids[0]!]).size).toBe(0);
    expect(undoLastAction(ws.db, 'ana')).toMatchObject({ undone: null, summary: 'Nothing to undo.' });

    const history = entityHistory(ws.db, 'session', ids[0]!);
    expect(
      history.map((h) => [h.kind, h.field, (h.after as { verdict?: string } | null)?.verdict ?? null]),
    ).toEqual([
      ['verdict', 'verdict', 'review'],
      ['verdict', 'verdict', 'malicious'],
      ['tag', 'tag', null],
      ['undo', 'tag', null],
      ['undo', 'verdict', 'review'],
      ['undo', 'verdict', null],
    ]);
    expect(history.every((h) => h.analyst === 'ana')).toBe(true);
  });

  it('leave a session alone on undo when another analyst changed it since', async () => {
    const ws = workspace();
    const ids = await importGenerated(ws, 5);
    setVerdict(ws.db, 'ana', { target: { sessionIds: [ids[0]!, ids[1]!] }, verdict: 'malicious' });
    setVerdict(ws.db, 'bob', { target: { sessionIds: [ids[1]!] }, verdict: 'benign' });
    expect(undoLastAction(ws.db, 'ana')).toMatchObject({ restored: 1, skipped: 1 });
    expect(verdictsOf(ws.db, [ids[0]!]).size).toBe(0);
    expect(verdictsOf(ws.db, [ids[1]!]).get(ids[1]!)).toMatchObject({ verdict: 'benign', analyst: 'bob' });
  });

  it('undo a bulk verdict over mixed earlier states, each session back to exactly what it was', async () => {
    const ws = workspace();
    const ids = await importGenerated(ws, 40);
    expect(ids).toHaveLength(40);
    setVerdict(ws.db, 'ana', { target: { sessionIds: ids.slice(0, 10) }, verdict: 'review', note: 'look' });
    setVerdict(ws.db, 'bob', { target: { sessionIds: ids.slice(10, 20) }, verdict: 'benign' });
    const earlier = verdictsOf(ws.db, ids);
    setVerdict(ws.db, 'ana', { target: { sessionIds: ids }, verdict: 'malicious', note: 'campaign' });
    setVerdict(ws.db, 'bob', { target: { sessionIds: [ids[5]!] }, verdict: 'benign' });

    expect(undoLastAction(ws.db, 'ana')).toMatchObject({ restored: 39, skipped: 1 });
    const now = verdictsOf(ws.db, ids);
    expect(now.size).toBe(20);
    for (const id of ids) {
      if (id === ids[5]) expect(now.get(id)).toMatchObject({ verdict: 'benign', analyst: 'bob' });
      else expect(now.get(id)).toEqual(earlier.get(id));
    }
    const undo = entityHistory(ws.db, 'session', ids[25]!).at(-1)!;
    expect(undo).toMatchObject({ kind: 'undo', after: null });
    expect(undo.before).toMatchObject({ verdict: 'malicious', note: 'campaign' });
  });

  it('become training labels: malicious 1, benign 0, needs-review none', async () => {
    const ws = workspace();
    const ids = await importGenerated(ws, 6);
    setVerdict(ws.db, 'ana', { target: { sessionIds: [ids[0]!, ids[1]!] }, verdict: 'malicious' });
    setVerdict(ws.db, 'ana', { target: { sessionIds: [ids[2]!] }, verdict: 'benign' });
    setVerdict(ws.db, 'ana', { target: { sessionIds: [ids[3]!] }, verdict: 'review' });
    expect([...verdictLabels(ws.db)].sort((a, b) => a[0] - b[0])).toEqual([
      [ids[0]!, 1],
      [ids[1]!, 1],
      [ids[2]!, 0],
    ]);
  });

  it('from two connections at once keep both audit entries, each with the right "before"', async () => {
    const ws = workspace();
    const ids = await importGenerated(ws, 3);
    const other = ws.connect();
    // Interleaved on one session: the second connection must see the first one's verdict as "before".
    setVerdict(ws.db, 'ana', { target: { sessionIds: [ids[0]!] }, verdict: 'malicious' });
    setVerdict(other, 'bob', { target: { sessionIds: [ids[0]!] }, verdict: 'benign' });
    setVerdict(ws.db, 'ana', { target: { sessionIds: [ids[0]!] }, verdict: 'review' });
    const history = entityHistory(other, 'session', ids[0]!);
    expect(
      history.map((h) => [h.analyst, (h.before as { verdict: string } | null)?.verdict ?? null]),
    ).toEqual([
      ['ana', null],
      ['bob', 'malicious'],
      ['ana', 'benign'],
    ]);
    // An open read transaction on one connection does not make the other lose its write.
    const reader = other.prepare('SELECT count(*) FROM audit_log');
    other.exec('BEGIN');
    reader.get();
    setVerdict(ws.db, 'ana', { target: { sessionIds: [ids[1]!] }, verdict: 'malicious' });
    other.exec('COMMIT');
    setVerdict(other, 'bob', { target: { sessionIds: [ids[1]!] }, verdict: 'benign' });
    expect(entityHistory(ws.db, 'session', ids[1]!).map((h) => h.analyst)).toEqual(['ana', 'bob']);
  });

  it('survive closing and reopening the database', async () => {
    const ws = workspace();
    const ids = await importGenerated(ws, 3);
    setVerdict(ws.db, 'ana', { target: { sessionIds: [ids[2]!] }, verdict: 'malicious', note: 'kept' });
    ws.db.close();
    const again = openDatabase(ws.dbPath);
    try {
      expect(verdictsOf(again, [ids[2]!]).get(ids[2]!)).toMatchObject({ verdict: 'malicious', note: 'kept' });
      expect(entityHistory(again, 'session', ids[2]!)).toHaveLength(1);
    } finally {
      again.close();
    }
  });

  it('are signed with the analyst setting, the OS user by default', async () => {
    const ws = workspace();
    expect(analystName(ws.db)).toBe((await import('node:os')).userInfo().username);
    setAnalystName(ws.db, 'Dana Scully');
    expect(analystName(ws.db)).toBe('Dana Scully');
  });
});
