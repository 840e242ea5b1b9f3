// The Sessions table against a fake API of a million sessions: only visible rows are in the DOM,
// pages are fetched by offset around the scroll position, and sorts go to the server.
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setFilterText } from '../../src-renderer/state/filter.js';
import { SessionsView } from '../../src-renderer/views/sessions/SessionsView.js';
import { answers, calls } from './fake-api.js';
import { fakeSession } from './fake-session.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
// Two cores shared by many test runs: give React's renders more than the default second.
configure({ asyncUtilTimeout: 5000 });

interface PageArgs {
  offset: number;
  limit: number;
  sort: string;
  direction: string;
  filter: unknown;
}

let total = 1_000_000;
const pageCalls = () => calls.filter((c) => c.name === 'sessionPage').map((c) => c.args as PageArgs);

beforeEach(() => {
  calls.length = 0;
  total = 1_000_000;
  localStorage.clear();
  setFilterText('');
  answers.sessionPage = (args: PageArgs) => ({
    items: Array.from({ length: Math.min(args.limit, total - args.offset) }, (_, i) =>
      fakeSession(args.offset + i + 1),
    ),
    total,
  });
});
afterEach(cleanup);

/** The scroll frame, and the table inside it that takes the keyboard. */
const grid = () => screen.getByTestId('sessions-table');
const table = () => screen.getByTestId('sessions-table-grid');

describe('Sessions table', () => {
  it('shows the total and renders only the rows on screen, fetching one block', async () => {
    render(<SessionsView />, withData);
    await waitFor(() => expect(screen.getByTestId('sessions-total').dataset.total).toBe('1000000'));
    await waitFor(() => expect(screen.getAllByTestId('session-row').length).toBeGreaterThan(10));
    // 600 px fallback height / 30 px rows + overscan: a screenful, not a million.
    expect(screen.getAllByTestId('session-row').length).toBeLessThan(40);
    // Newest first until the analyst picks another order.
    expect(pageCalls()[0]).toMatchObject({ offset: 0, limit: 200, sort: 'startTs', direction: 'desc' });
    expect(screen.getAllByTestId('session-row')[0]!.dataset.sessionId).toBe('1');
  });

  it('says what to change when nothing matches: the filter when there is one, an import when not', async () => {
    total = 0;
    setFilterText('ua:nothing-like-this');
    const { unmount } = render(<SessionsView />, withData);
    await waitFor(() => screen.getByTestId('sessions-empty'));
    expect(screen.getByTestId('sessions-empty').textContent).toContain('No session matches this filter.');
    expect(screen.getByTestId('sessions-empty').querySelector('a')).toBeNull();
    unmount();
    setFilterText('');
    render(<SessionsView />, withData);
    await waitFor(() => screen.getByTestId('sessions-empty'));
    expect(screen.getByTestId('sessions-empty').textContent).toContain('No sessions yet.');
    expect(screen.getByTestId('sessions-empty').querySelector('a')?.getAttribute('href')).toBe('#/import');
  });

  it('fetches the block under the scroll position once scrolling rests', async () => {
    render(<SessionsView />, withData);
    await waitFor(() => expect(screen.getAllByTestId('session-row').length).toBeGreaterThan(10));
    // Row 500 000 at 30 px is past the 8 M px spacer cap: the scrollbar is scaled.
    const spacer = 8_000_000;
    const viewport = 600 - 30;
    const scrollTop = ((500_000 * 30) / (total * 30 - viewport)) * (spacer - viewport);
    grid().scrollTop = scrollTop;
    fireEvent.scroll(grid());
    // The block is asked once scrolling rests (a debounce), then drawn: on a loaded CI machine that
    // took longer than waitFor's default second.
    const untilDrawn = { timeout: 10_000 };
    await waitFor(
      () => expect(pageCalls().some((c) => c.offset === 500_000 || c.offset === 499_800)).toBe(true),
      untilDrawn,
    );
    await waitFor(() => {
      const ids = screen.getAllByTestId('session-row').map((row) => Number(row.dataset.sessionId));
      expect(Math.min(...ids)).toBeGreaterThan(499_990);
      expect(Math.min(...ids)).toBeLessThan(500_010);
    }, untilDrawn);
    expect(Number(grid().dataset.rowsRendered)).toBeLessThan(40);
  });

  it('sorts on the server: ascending, then descending, back at the top', async () => {
    render(<SessionsView />, withData);
    await waitFor(() => screen.getByTestId('sort-srcIp'));
    fireEvent.click(screen.getByTestId('sort-srcIp'));
    await waitFor(() =>
      expect(pageCalls().at(-1)).toMatchObject({ sort: 'srcIp', direction: 'asc', offset: 0 }),
    );
    fireEvent.click(screen.getByTestId('sort-srcIp'));
    await waitFor(() =>
      expect(pageCalls().at(-1)).toMatchObject({ sort: 'srcIp', direction: 'desc', offset: 0 }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('sort-srcIp').closest('th')!.getAttribute('aria-sort')).toBe('descending'),
    );
  });

  it('offers unindexed sorts only once the filter narrows the match', async () => {
    render(<SessionsView />, withData);
    await waitFor(() => screen.getByTestId('sort-startTs'));
    expect(screen.queryByTestId('sort-bytesIn')).toBeNull();
    // Clicked, the column says in the page why it does not sort, and nothing is fetched.
    const asked = pageCalls().length;
    fireEvent.click(screen.getByTestId('sort-refused-bytesIn'));
    expect(screen.getByTestId('sort-note').textContent).toContain(
      'Sorting by Bytes in is offered for at most 100,000 sessions; this filter matches 1,000,000.',
    );
    expect(pageCalls().length).toBe(asked);
    cleanup();
    total = 5000;
    render(<SessionsView />, withData);
    await waitFor(() => screen.getByTestId('sort-bytesIn'));
    fireEvent.click(screen.getByTestId('sort-bytesIn'));
    await waitFor(() => expect(pageCalls().at(-1)).toMatchObject({ sort: 'bytesIn', direction: 'asc' }));
  });

  it('sends the global filter with every page', async () => {
    setFilterText('src:10.0.0.1 port:443');
    render(<SessionsView />, withData);
    await waitFor(() => expect(pageCalls().length).toBeGreaterThan(0));
    expect(JSON.stringify(pageCalls()[0]!.filter)).toContain('10.0.0.1');
  });

  it('remembers the chosen columns', async () => {
    render(<SessionsView />, withData);
    await waitFor(() => screen.getAllByTestId('session-row'));
    fireEvent.click(screen.getByTestId('column-toggle-label'));
    fireEvent.click(screen.getByTestId('column-toggle-ruleName'));
    expect(JSON.parse(localStorage.getItem('vigil.sessions.columns')!)).toContain('label');
    cleanup();
    render(<SessionsView />, withData);
    await waitFor(() => screen.getAllByTestId('session-row'));
    const cols = [...screen.getAllByTestId('session-row')[0]!.querySelectorAll('[data-col]')].map(
      (cell) => (cell as HTMLElement).dataset.col,
    );
    expect(cols).toContain('label');
    expect(cols).not.toContain('ruleName');
  });

  it('copies the active cell with the keyboard and with the copy button', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<SessionsView />, withData);
    await waitFor(() => screen.getAllByTestId('session-row'));
    table().focus();
    fireEvent.keyDown(table(), { key: 'ArrowDown' }); // row 0 → row 1
    fireEvent.keyDown(table(), { key: 'ArrowRight' }); // start → source IP
    fireEvent.keyDown(table(), { key: 'c' });
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('10.0.0.2'));
    // The status line follows once the clipboard's promise settles.
    await waitFor(() =>
      expect(screen.getByTestId('copy-status').textContent).toBe('Copied Source IP: 10.0.0.2'),
    );
    fireEvent.click(screen.getByTestId('copy-cell'));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(2));
    // The copy button does not open the drawer; Enter does.
    expect(screen.queryByTestId('session-drawer')).toBeNull();
    fireEvent.keyDown(table(), { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('session-drawer').dataset.sessionId).toBe('2'));
  });

  it('keeps the active cell while the query stays, and drops it when the sort changes', async () => {
    render(<SessionsView />, withData);
    await waitFor(() => screen.getAllByTestId('session-row'));
    table().focus();
    fireEvent.keyDown(table(), { key: 'ArrowDown' });
    fireEvent.keyDown(table(), { key: 'ArrowDown' });
    const selected = () =>
      screen.getAllByTestId('session-row').filter((row) => row.getAttribute('aria-selected') === 'true');
    expect(selected().map((row) => row.dataset.sessionId)).toEqual(['3']);
    // A later render of the same query (a refetch) keeps it.
    fireEvent.scroll(grid(), { target: { scrollTop: 0 } });
    expect(selected().map((row) => row.dataset.sessionId)).toEqual(['3']);
    fireEvent.click(screen.getByTestId('sort-srcIp'));
    await waitFor(() => expect(pageCalls().at(-1)).toMatchObject({ sort: 'srcIp' }));
    await waitFor(() => expect(screen.getAllByTestId('session-row').length).toBeGreaterThan(3));
    expect(selected()).toEqual([]);
  });
});
