import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src-main/core/ingest/lines.js';

type Event = ['line' | 'long', string, number];

function split(chunks: string[], maxLine?: number): Event[] {
  const events: Event[] = [];
  const splitter = new LineSplitter(
    (line, n) => events.push(['line', line, n]),
    (head, n) => events.push(['long', head, n]),
    maxLine,
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return events;
}

describe('LineSplitter', () => {
  it('numbers LF and CRLF lines from 1 and strips the CR', () => {
    expect(split(['a\r\nb\nc\r\n'])).toEqual([
      ['line', 'a', 1],
      ['line', 'b', 2],
      ['line', 'c', 3],
    ]);
  });

  it('reports blank lines so line numbers stay physical', () => {
    expect(split(['x\n\n\r\ny\n'])).toEqual([
      ['line', 'x', 1],
      ['line', '', 2],
      ['line', '', 3],
      ['line', 'y', 4],
    ]);
  });

  it('flushes a last line without a terminator at end(), and adds none after a final newline', () => {
    expect(split(['a\nb'])).toEqual([
      ['line', 'a', 1],
      ['line', 'b', 2],
    ]);
    expect(split(['a\n'])).toEqual([['line', 'a', 1]]);
    expect(split([])).toEqual([]);
    expect(split([''])).toEqual([]);
  });

  it('keeps a CR that is not at the end of a line', () => {
    expect(split(['a\rb\n'])).toEqual([['line', 'a\rb', 1]]);
  });

  it('gives the same lines for a chunk split at every position', () => {
    const input = 'first,1\r\nsecond line\n\nthird\r\nlast';
    const whole = split([input]);
    expect(whole).toHaveLength(5);
    for (let cut = 0; cut <= input.length; cut++) {
      expect(split([input.slice(0, cut), input.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
    expect(split(input.split(''))).toEqual(whole);
  });

  it('reports a line over the cap as too long (head only) and keeps counting lines after it', () => {
    const long = 'x'.repeat(10_000);
    const events = split([`ok\n${long}\nafter\n`], 5000);
    expect(events.map(([kind, , n]) => [kind, n])).toEqual([
      ['line', 1],
      ['long', 2],
      ['line', 3],
    ]);
    expect(events[1]![1]).toBe('x'.repeat(4096));
    expect(events[2]![1]).toBe('after');
  });

  it('caps a runaway line that arrives over many chunks, without keeping it in memory', () => {
    const chunks = [
      'start\n',
      ...Array.from({ length: 50 }, () => 'y'.repeat(1000)),
      '\nnext\nlast-no-newline',
    ];
    const events = split(chunks, 5000);
    expect(events.map(([kind, , n]) => [kind, n])).toEqual([
      ['line', 1],
      ['long', 2],
      ['line', 3],
      ['line', 4],
    ]);
    expect(events[1]![1].length).toBe(4096);
    expect(events[3]![1]).toBe('last-no-newline');
  });

  it('reports a runaway last line without a terminator as too long', () => {
    const events = split(['a\n', 'z'.repeat(6000)], 5000);
    expect(events.map(([kind, , n]) => [kind, n])).toEqual([
      ['line', 1],
      ['long', 2],
    ]);
  });

  it('accepts a line exactly at the cap', () => {
    const events = split([`${'k'.repeat(5000)}\n`], 5000);
    expect(events).toEqual([['line', 'k'.repeat(5000), 1]]);
  });
});
