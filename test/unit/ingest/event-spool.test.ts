import { describe, expect, it } from 'vitest';
import {
  EVENT_SPOOL_MARKER,
  EventSpoolReader,
  eventSpoolLine,
  isEventSpool,
} from '../../../src-main/core/ingest/event-spool.js';

const spool = [
  EVENT_SPOOL_MARKER,
  eventSpoolLine('3757143819668347646822618623432965849536411738554579353', '2 1 eni-a 10.0.0.1 OK'),
  eventSpoolLine(undefined, '{"a":"tab\\there"}'),
  eventSpoolLine('id\twith\ttabs', 'message\twith a tab'),
].join('\n');

/** The messages a parser would read and the id of each message line, for the text cut into `chunks`. */
function read(chunks: string[]): { text: string; ids: (string | null)[] } {
  const reader = new EventSpoolReader();
  const text = chunks.map((chunk) => reader.push(chunk)).join('') + reader.end();
  return { text, ids: [1, 2, 3].map((line) => reader.idOf(line)) };
}

describe('event spool', () => {
  it('is recognised by its marker line', () => {
    expect(isEventSpool(spool)).toBe(true);
    expect(isEventSpool('2 1 eni-a 10.0.0.1 OK\n')).toBe(false);
  });

  it('gives the parser the messages alone, line for line, and each line its event id', () => {
    const expected = {
      text: '2 1 eni-a 10.0.0.1 OK\n{"a":"tab\\there"}\nmessage\twith a tab',
      ids: ['3757143819668347646822618623432965849536411738554579353', null, 'idwithtabs'],
    };
    expect(read([spool])).toEqual(expected);
    for (let cut = 0; cut <= spool.length; cut++) {
      expect(read([spool.slice(0, cut), spool.slice(cut)]), `cut at ${cut}`).toEqual(expected);
    }
  });

  it('answers null for a line asked out of order (rows come in line order; skipped lines are dropped)', () => {
    const reader = new EventSpoolReader();
    reader.push(`${spool}\n`);
    expect(reader.idOf(3)).toBe('idwithtabs');
    expect(reader.idOf(1)).toBeNull();
  });
});
