// The pivots of a Sessions cell: right-click, the ⋯ button or Shift+F10 opens a menu that filters
// for or out the cell's value (the stored value, quoted and negated as the filter language wants),
// opens an IP in the graph, or copies.
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { filterStore, setFilterText } from '../../src-renderer/state/filter.js';
import { SessionsView } from '../../src-renderer/views/sessions/SessionsView.js';
import { answers, calls } from './fake-api.js';
import { fakeSession } from './fake-session.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  calls.length = 0;
  localStorage.clear();
  setFilterText('');
  // Arrives as the nav's link does: an entry of its own, no state the view wrote (happy-dom keeps
  // the last entry's state across a hash change, where a browser starts the new entry without).
  window.history.replaceState(null, '', '#/sessions');
  answers.sessionPage = () => ({
    items: [
      fakeSession(1, { ruleName: 'Suspicious Web Traffic', bytesIn: 1200 }),
      fakeSession(2, { dstIp: null }),
    ],
    total: 2,
  });
});
afterEach(cleanup);

const cell = (sessionId: number, col: string) =>
  screen
    .getAllByTestId('session-row')
    .find((row) => row.dataset.sessionId === String(sessionId))!
    .querySelector<HTMLElement>(`[data-col="${col}"]`)!;

const lastFilter = () => calls.filter((c) => c.name === 'sessionPage').at(-1)?.args as { filter: unknown };

describe('Sessions cell menu', () => {
  it('right-click filters out a rule name with spaces as one quoted, negated term', async () => {
    render(<SessionsView />, withData);
    await waitFor(() => cell(1, 'ruleName'));
    fireEvent.contextMenu(cell(1, 'ruleName'));
    const menu = screen.getByTestId('cell-menu');
    expect(within(menu).queryByTestId('cell-open-graph')).toBeNull();
    fireEvent.click(within(menu).getByTestId('cell-filter-out'));
    expect(filterStore.get().text).toBe('-rule:"Suspicious Web Traffic"');
    expect(screen.queryByTestId('cell-menu')).toBeNull();
    await waitFor(() =>
      expect(lastFilter().filter).toEqual({
        clauses: [
          { field: 'rule', negate: true, values: [{ kind: 'text', value: 'Suspicious Web Traffic' }] },
        ],
      }),
    );
  });

  it('filters for the stored number, not the formatted text, and adds to the filter in force', async () => {
    setFilterText('port:443');
    render(<SessionsView />, withData);
    await waitFor(() => cell(1, 'bytesIn'));
    expect(cell(1, 'bytesIn').textContent).toContain('1,200');
    fireEvent.click(within(cell(1, 'bytesIn')).getByTestId('cell-menu-button'));
    fireEvent.click(screen.getByTestId('cell-filter-for'));
    expect(filterStore.get().text).toBe('port:443 bytes_in:1200');
  });

  it('filters for or out the whole path or user agent of a cell, not what starts with or holds it', async () => {
    answers.sessionPage = () => ({
      items: [fakeSession(1, { method: 'GET', path: '/admin', userAgent: 'curl/8.5.0 (x)' })],
      total: 1,
    });
    localStorage.setItem('vigil.sessions.columns', JSON.stringify(['startTs', 'srcIp', 'path', 'userAgent']));
    render(<SessionsView />, withData);
    await waitFor(() => cell(1, 'path'));
    const items = () => screen.getAllByRole('menuitem').map((item) => item.textContent);
    fireEvent.contextMenu(cell(1, 'path'));
    expect(items().slice(0, 2)).toEqual(['Filter for this value', 'Filter out this value']);
    fireEvent.click(screen.getByTestId('cell-filter-for'));
    // The page loads again for the new filter.
    await waitFor(() => cell(1, 'userAgent'));
    fireEvent.contextMenu(cell(1, 'userAgent'));
    fireEvent.click(screen.getByTestId('cell-filter-out'));
    expect(filterStore.get().text).toBe('path:=/admin -ua:="curl/8.5.0 (x)"');
    expect(filterStore.get().error).toBeNull();
  });

  it('opens an IP in the graph; an empty cell cannot be filtered on', async () => {
    render(<SessionsView />, withData);
    await waitFor(() => cell(2, 'dstIp'));
    fireEvent.contextMenu(cell(2, 'dstIp'));
    expect((screen.getByTestId('cell-filter-for') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('cell-open-graph')).toBeNull();
    fireEvent.keyDown(screen.getByTestId('cell-menu'), { key: 'Escape' });
    expect(screen.queryByTestId('cell-menu')).toBeNull();
    fireEvent.contextMenu(cell(1, 'srcIp'));
    fireEvent.click(screen.getByTestId('cell-open-graph'));
    expect(window.location.hash).toBe('#/graph');
  });

  it('opens from the keyboard on the active cell (Shift+F10) with the first action focused', async () => {
    render(<SessionsView />, withData);
    await waitFor(() => cell(1, 'startTs'));
    const table = screen.getByTestId('sessions-table-grid');
    table.focus();
    fireEvent.keyDown(table, { key: 'ArrowRight' });
    fireEvent.keyDown(table, { key: 'F10', shiftKey: true });
    const menu = screen.getByTestId('cell-menu');
    expect(menu.getAttribute('aria-label')).toBe('Source IP actions');
    expect(document.activeElement).toBe(within(menu).getByTestId('cell-filter-for'));
    fireEvent.click(document.activeElement!);
    expect(filterStore.get().text).toBe('src:10.0.0.1');
  });
});
