// The writer looks each interned text up once per lasting string id (the parser's, the same in
// every batch of an epoch), and gives every row its own text's id.
import { describe, expect, it } from 'vitest';
import { BatchInterns } from '../../../src-main/core/ingest/batch-interns.js';

function table() {
  const asked: string[] = [];
  const ids = new Map<string, number>();
  const intern = (text: string) => {
    asked.push(text);
    if (!ids.has(text)) ids.set(text, ids.size + 1);
    return ids.get(text)!;
  };
  return { asked, intern };
}

describe('batch interns', () => {
  it('looks each string up once per slot across the batches of an epoch, and gives each row its text’s id', () => {
    const { asked, intern } = table();
    const interns = new BatchInterns([intern, null, intern]);
    // Lasting ids: GET 0, /a 1, /b 2, POST 3.
    interns.start(['GET', '/a', '/b'], Int32Array.of(0, 1, 2), 0);
    expect([0, 0, 0, 0].map((code) => interns.idOf(0, code))).toEqual([1, 1, 1, 1]);
    expect([1, 2, 1, 2].map((code) => interns.idOf(2, code))).toEqual([2, 3, 2, 3]);
    expect(asked).toEqual(['GET', '/a', '/b']);
    // The next batch codes its strings afresh (code 0 is /b now); their lasting ids stay.
    interns.start(['/b', 'POST', '/a'], Int32Array.of(2, 3, 1), 0);
    expect([0, 1, 0, 2].map((code) => interns.idOf(2, code))).toEqual([3, 4, 3, 2]);
    expect(asked).toEqual(['GET', '/a', '/b', 'POST']);
  });

  it('forgets the lasting ids when they are given out afresh (a new epoch)', () => {
    const { asked, intern } = table();
    const interns = new BatchInterns([intern]);
    interns.start(['/a', '/b'], Int32Array.of(0, 1), 0);
    expect([0, 1].map((code) => interns.idOf(0, code))).toEqual([1, 2]);
    // Epoch 1: lasting id 0 now names /b.
    interns.start(['/b'], Int32Array.of(0), 1);
    expect(interns.idOf(0, 0)).toBe(2);
    expect(asked).toEqual(['/a', '/b', '/b']);
  });
});
