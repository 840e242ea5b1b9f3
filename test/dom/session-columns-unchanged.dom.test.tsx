// The Sessions table's columns and the drawer's fields: ids, labels, order, widths, which are
// shown by default and sortable, and the text each shows for a session with every field set and
// for one with every optional field missing. The golden file was written before both came from
// the field table (src-shared/fields); a label, a place or a formatting that changes fails here.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { COLUMNS, DEFAULT_VISIBLE } from '../../src-renderer/views/sessions/columns.js';
import { SessionFields } from '../../src-renderer/views/sessions/SessionFields.js';
import type { Session } from '../../src-shared/domain.js';
import { fakeSession } from './fake-session.js';

afterEach(cleanup);

const full: Session = fakeSession(4321, {
  packets: 12_345,
  asn: 15169,
  action: 'BLOCK',
  label: 'attack',
  bytesIn: 1_234_567,
  bytesOut: 0,
  durationMs: 86_400_123,
  bytesRatio: 2 / 3,
  hourOfDay: 0,
  attrs: { 'source.name': 'web-1', note: '=1+1' },
});
const empty: Session = fakeSession(5, {
  dstIp: null,
  srcPort: null,
  dstPort: null,
  protocol: null,
  bytesIn: null,
  bytesOut: null,
  packets: null,
  responseCode: null,
  country: null,
  asn: null,
  ruleName: null,
  detectionType: '',
  action: null,
  label: null,
  durationMs: null,
  bytesRatio: null,
  hourOfDay: null,
  attrs: null,
});

/** The drawer's fields as [label, text] pairs, in the order shown. */
function drawerFields(session: Session): [string, string][] {
  render(<SessionFields session={session} />);
  const pairs = [...screen.getByTestId('drawer-fields').querySelectorAll('div')].map(
    (div) =>
      // The value's own text: a field that is a filter term has its pivot buttons beside it.
      [
        div.querySelector('dt')!.textContent!,
        (div.querySelector('dd .field-value') ?? div.querySelector('dd'))!.textContent!,
      ] as [string, string],
  );
  cleanup();
  return pairs;
}

describe('sessions table columns and drawer fields', () => {
  it('keep their labels, order and text', async () => {
    const table = {
      columns: COLUMNS.map(({ text, ...column }) => ({ ...column, full: text(full), empty: text(empty) })),
      defaultVisible: DEFAULT_VISIBLE,
      drawer: { full: drawerFields(full), empty: drawerFields(empty) },
    };
    await expect(`${JSON.stringify(table, null, 1)}\n`).toMatchFileSnapshot(
      './golden/session-columns.json.golden',
    );
  });
});
