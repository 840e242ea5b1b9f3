// The IP drill-down names the AS its sessions come from, each a way into every session of that AS.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filterStore, setFilterText } from '../../src-renderer/state/filter.js';
import { AsNumbers } from '../../src-renderer/views/graph/AsNumbers.js';

beforeEach(() => {
  setFilterText('method:GET');
  window.location.hash = '#/graph';
});
afterEach(cleanup);

describe('the AS numbers of an IP', () => {
  it('opens Sessions with asn:N added to the filter in force', () => {
    render(
      <AsNumbers
        asns={[
          { asn: 15169, name: 'Google LLC', sessions: 40 },
          { asn: null, name: null, sessions: 3 },
          { asn: 16509, name: null, sessions: 2 },
        ]}
      />,
    );
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['AS15169', 'AS16509']);
    // The organisation beside its number, when the offline list names it.
    expect(document.body.textContent).toBe('AS15169 Google LLC, AS16509');
    fireEvent.click(screen.getByRole('button', { name: 'AS16509' }));
    expect(filterStore.get().text).toBe('method:GET asn:16509');
    expect(window.location.hash).toBe('#/sessions');
  });

  it('says when the sessions record none, and shows a dash for an IP that is never a source', () => {
    render(<AsNumbers asns={[{ asn: null, name: null, sessions: 5 }]} />);
    expect(document.body.textContent).toBe('not recorded');
    cleanup();
    render(<AsNumbers asns={[]} />);
    expect(document.body.textContent).toBe('–');
  });
});
