// A threat-type run's per-kind notes: a kind held out only a handful of times is said to be too
// few to judge, as one with none is said to say nothing.
import { describe, expect, it } from 'vitest';
import { multiclassMetrics } from '../../../src-main/core/ml/evaluate/multiclass-metrics.js';

/** Held-out rows of each class (by code), each predicted right, probability 1 on its own class. */
function heldOut(counts: number[]) {
  const truth = Uint8Array.from(counts.flatMap((n, c) => new Array<number>(n).fill(c)));
  const proba = new Float64Array(truth.length * counts.length);
  truth.forEach((c, i) => {
    proba[i * counts.length + c] = 1;
  });
  return { truth, predicted: Uint8Array.from(truth), proba };
}

describe('threat-type notes per kind', () => {
  it('says a kind with fewer than 10 held-out sessions is too few to judge; 10 or more gets no such note', () => {
    const classes = ['benign', 'sqli', 'xss'];
    const metrics = multiclassMetrics({
      classes,
      ...heldOut([200, 3, 10]),
      trainTruth: Uint8Array.from([
        ...new Array(600).fill(0),
        ...new Array(20).fill(1),
        ...new Array(30).fill(2),
      ]),
      labelCounts: [],
      merged: [],
    });
    // Every sqli caught: recall 1.000 on 3 sessions, which a single miss would make 0.667.
    expect(metrics.perClass[1]?.recall).toBe(1);
    expect(metrics.notes).toContain(
      'sqli: only 3 held-out sessions, too few to judge its figures (one of them moves its recall by 0.33).',
    );
    expect(metrics.notes.some((note) => note.startsWith('xss:'))).toBe(false);
    expect(metrics.notes.some((note) => note.startsWith('benign:'))).toBe(false);
  });
});
