// Rules at import keep what each value decided across batches, keyed by the parser's lasting
// string ids: a value seen in an earlier batch is not decided again, the hits are those of an
// evaluation without the memo, and when the ids are given out afresh (a new epoch) nothing
// remembered under the old ones is reused. A field whose values never come back is not
// remembered, and does not push the other fields' decisions out.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AtomMemo } from '../../../src-main/core/rules/atom-memo.js';
import { FieldProgram } from '../../../src-main/core/rules/field-program.js';
import {
  type ColumnBatch,
  compileRules,
  evaluateColumns,
  loadRulePack,
  type TextColumn,
} from '../../../src-main/core/rules/index.js';

const compiled = compileRules(loadRulePack().rules);

type Row = { path: string; query: string | null; userAgent: string };
const ROWS: Row[] = [
  { path: '/index.php', query: 'page=/etc/passwd', userAgent: 'Mozilla/5.0' },
  { path: '/', query: null, userAgent: 'sqlmap/1.7.2#stable (https://sqlmap.org)' },
  {
    path: '/item',
    query: 'id=1%27%20UNION%20SELECT%20username,password%20FROM%20users--',
    userAgent: 'curl/8.0',
  },
  { path: '/.env', query: null, userAgent: 'Mozilla/5.0' },
  { path: '/shop', query: 'q=shoes', userAgent: 'Mozilla/5.0' },
];

/** The rows as a coded batch: codes into this batch's dictionary, `idOf` its lasting ids. */
function batchOf(rows: Row[], idOf: (text: string) => number, epoch: number): ColumnBatch {
  const dict: string[] = [];
  const local = new Map<string, number>();
  const code = (text: string | null) => {
    if (text === null) return -1;
    if (!local.has(text)) local.set(text, dict.push(text) - 1);
    return local.get(text)!;
  };
  const column = (pick: (row: Row) => string | null) => Int32Array.from(rows.map((row) => code(pick(row))));
  const path = column((row) => row.path);
  const query = column((row) => row.query);
  const userAgent = column((row) => row.userAgent);
  const ids = Int32Array.from(dict.map(idOf));
  const coded = (codes: Int32Array): TextColumn => ({ codes, dict, ids });
  return {
    rows: rows.length,
    epoch,
    texts: { path: coded(path), query: coded(query), userAgent: coded(userAgent) },
  };
}

function lastingIds() {
  const ids = new Map<string, number>();
  return (text: string) => {
    if (!ids.has(text)) ids.set(text, ids.size);
    return ids.get(text)!;
  };
}

/** The hits of an evaluation, by row and rule (what the writer stores). */
const hitsOf = (batch: ColumnBatch, memo?: AtomMemo) =>
  evaluateColumns(compiled, batch, memo).map((hit) => [hit.sessionIndex, hit.ruleId, hit.field, hit.value]);

afterEach(() => vi.restoreAllMocks());

describe('the rule engine’s memo across batches', () => {
  it('decides a value seen in an earlier batch of the run only once, with the same hits', () => {
    const ids = lastingIds();
    const memo = new AtomMemo();
    const decisions = vi.spyOn(FieldProgram.prototype, 'text');
    const first = batchOf(ROWS, ids, 0);
    const firstHits = hitsOf(first, memo);
    expect(firstHits.length).toBeGreaterThanOrEqual(4);
    expect(decisions).toHaveBeenCalled();
    decisions.mockClear();
    // The same values in another order: other codes in this batch's dictionary, the same ids.
    const second = batchOf([...ROWS].reverse(), ids, 0);
    expect(hitsOf(second, memo)).toEqual(hitsOf(second));
    decisions.mockClear();
    hitsOf(second, memo);
    expect(decisions).not.toHaveBeenCalled();
  });

  it('keeps one array per distinct list of atoms, however many values decided it', () => {
    const memo = new AtomMemo();
    memo.begin(0, 1);
    memo.set(0, 1, Int32Array.of(3, 7));
    memo.set(0, 2, Int32Array.of(3, 7));
    memo.set(0, 3, Int32Array.of(3));
    expect(memo.get(0, 2)).toBe(memo.get(0, 1));
    expect([...memo.get(0, 3)!]).toEqual([3]);
  });

  it('forgets everything when the ids are given out afresh', () => {
    const memo = new AtomMemo();
    hitsOf(batchOf(ROWS, lastingIds(), 0), memo);
    // Epoch 1: the ids start over, so id 0 now names a harmless path and the attacks have others.
    const fresh = lastingIds();
    fresh('/harmless');
    const again = batchOf([{ path: '/harmless', query: null, userAgent: 'x' }, ...ROWS], fresh, 1);
    expect(hitsOf(again, memo)).toEqual(hitsOf(again));
    // Under a stale epoch the memo would have answered id 0 with /index.php's decision.
    const stale = new AtomMemo();
    hitsOf(batchOf(ROWS, lastingIds(), 1), stale);
    expect(hitsOf(again, stale)).not.toEqual(hitsOf(again));
  });

  it('stops remembering a field whose values never come back, and keeps the other fields’ decisions', () => {
    const ids = lastingIds();
    const memo = new AtomMemo();
    const uri = compiled.programs.findIndex((program) => program.field === 'uri');
    const paths = ['/index.php', '/', '/item', '/shop', '/cart'];
    // A request id in every query string: each row's path-and-query is new. 60 batches of 2 000
    // rows remember more values than the memo's bound if every one is kept.
    let request = 0;
    const nextBatch = () =>
      batchOf(
        Array.from({ length: 2_000 }, (_, i) => ({
          path: paths[i % paths.length]!,
          query: `v=${request++}`,
          userAgent: 'Mozilla/5.0',
        })),
        ids,
        0,
      );
    for (let b = 0; b < 40; b++) hitsOf(nextBatch(), memo);
    const decisions = vi.spyOn(FieldProgram.prototype, 'text');
    const remembered = vi.spyOn(memo, 'set');
    let rested = 0;
    for (let b = 40; b < 60; b++) {
      const batch = nextBatch();
      expect(hitsOf(batch, memo)).toEqual(hitsOf(batch));
      if (!memo.uses(uri)) rested++;
      expect(memo.size(uri)).toBeLessThanOrEqual(3 * 2_000);
    }
    // Resting most of the time (it is measured again now and then), so most rows' values were not stored.
    expect(rested).toBeGreaterThanOrEqual(14);
    const urisStored = remembered.mock.calls.filter(([program]) => program === uri).length;
    expect(urisStored).toBeLessThan(0.25 * 20 * 2_000);
    // hitsOf without the memo decided each path once per batch (20); with it, none was decided again.
    const pathDecisions = decisions.mock.contexts.filter(
      (program) => (program as FieldProgram).field === 'path',
    );
    expect(pathDecisions).toHaveLength(20 * paths.length);
  });
});
