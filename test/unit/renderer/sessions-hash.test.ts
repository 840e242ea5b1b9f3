// The Sessions view's address: what a link or a reload asks of the view, and the address the view
// writes for its state (defaults left out), read back to the same state.
import { describe, expect, it } from 'vitest';
import type { SortState } from '../../../src-renderer/views/sessions/SortHeader.js';
import { readSessionsHash, sessionsHash } from '../../../src-renderer/views/sessions/sessions-hash.js';

const NEWEST: SortState = { field: 'startTs', direction: 'desc' };

describe('Sessions address', () => {
  it('reads a link from another view: filter and time range only', () => {
    expect(readSessionsHash('#/sessions?q=src%3A1.2.3.4&from=1000&to=2000')).toEqual({
      q: 'src:1.2.3.4',
      range: { from: 1000, to: 2000 },
    });
  });

  it('asks nothing of an address without a query or of another view', () => {
    expect(readSessionsHash('#/sessions')).toBeNull();
    expect(readSessionsHash('#/graph?q=src:1.2.3.4')).toBeNull();
    expect(readSessionsHash('#/sessionsX?q=a')).toBeNull();
  });

  it('writes the defaults as the bare route', () => {
    expect(sessionsHash({ text: ' ', range: {}, sort: NEWEST, open: null }, NEWEST)).toBe('#/sessions');
  });

  it('reads back the filter, range, sort and open session it writes', () => {
    const text = 'ua:="Mozilla/5.0 (X11)" -path:=/a&b=c country:US,CA';
    const hash = sessionsHash(
      {
        text,
        range: { from: 1_714_000_000_000 },
        sort: { field: 'bytesOut', direction: 'asc' },
        open: { id: 16_999, startTs: 1_714_531_543_000 },
      },
      NEWEST,
    );
    expect(readSessionsHash(hash)).toEqual({
      q: text,
      range: { from: 1_714_000_000_000 },
      sort: { field: 'bytesOut', direction: 'asc' },
      open: { id: 16_999, at: 1_714_531_543_000 },
    });
  });

  it('ignores a sort it does not know, and an open session without its time', () => {
    expect(readSessionsHash('#/sessions?sort=password&dir=asc&open=5')).toEqual({});
    expect(readSessionsHash('#/sessions?open=1e3&at=12')).toEqual({});
    expect(readSessionsHash('#/sessions?sort=srcIp')).toEqual({
      sort: { field: 'srcIp', direction: 'desc' },
    });
  });
});
