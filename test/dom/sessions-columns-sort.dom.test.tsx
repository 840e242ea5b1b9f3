// The Sessions table's columns on a mix of web requests and flows (an access log and VPC flow logs
// in one workspace) follow the filter, not the sort: sorting by country put a flow on the first
// row, and the whole table switched to the flow's columns (Rule hits, Method, Path, User agent
// gone, the header under the analyst's pointer moved).
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setFilterText } from '../../src-renderer/state/filter.js';
import { SessionsView } from '../../src-renderer/views/sessions/SessionsView.js';
import type { Session } from '../../src-shared/domain.js';
import { answers, calls } from './fake-api.js';
import { fakeSession } from './fake-session.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
configure({ asyncUtilTimeout: 5000 });

interface PageArgs {
  offset: number;
  limit: number;
  sort: string;
  direction: string;
}

// 30 requests (ids 1–30, newest) and 30 flows from a country that sorts first (ids 31–60).
const request = (id: number) =>
  fakeSession(id, { method: 'GET', path: `/item/${id}`, userAgent: 'curl/8.5.0', country: 'DE' });
const flow = (id: number) => fakeSession(id, { country: 'ZA' });
const ALL: Session[] = [
  ...Array.from({ length: 30 }, (_, i) => request(i + 1)),
  ...Array.from({ length: 30 }, (_, i) => flow(i + 31)),
];

beforeEach(() => {
  calls.length = 0;
  localStorage.clear();
  setFilterText('');
  answers.sessionRuleHitCounts = () => [];
  answers.sessionPage = (args: PageArgs) => {
    // Country descending puts the flows (ZA) first; time order the requests.
    const rows = args.sort === 'country' && args.direction === 'desc' ? [...ALL].reverse() : ALL;
    return { items: rows.slice(args.offset, args.offset + args.limit), total: ALL.length };
  };
});
afterEach(cleanup);

const headers = () => [...document.querySelectorAll('.vrow-head th')].map((th) => th.textContent);
const firstRowId = () => screen.getAllByTestId('session-row')[0]?.dataset.sessionId;

describe('Sessions columns on mixed requests and flows', () => {
  it('stay the same when a sort puts a flow first', async () => {
    render(<SessionsView />, withData);
    await waitFor(() => expect(firstRowId()).toBe('1'));
    const before = headers().map((text) => text?.replace(/[▲▼]/, ''));
    expect(before).toContain('Path');
    expect(before).toContain('Rule hits');

    // Ascending first, then descending: the flows come first.
    fireEvent.click(screen.getByTestId('sort-country'));
    await waitFor(() => expect(screen.getByTestId('sort-country').textContent).toContain('▲'));
    fireEvent.click(screen.getByTestId('sort-country'));
    await waitFor(() => expect(firstRowId()).toBe('60'));

    expect(headers().map((text) => text?.replace(/[▲▼]/, ''))).toEqual(before);
    expect(screen.getByTestId('sort-country').textContent).toContain('▼');
  });

  it('are the request’s when the first page holds a request, even if a flow is newest', async () => {
    // A flow on the first row, requests below it on the same page.
    answers.sessionPage = (args: PageArgs) => {
      const rows = [flow(100), ...ALL.slice(0, 30)];
      return { items: rows.slice(args.offset, args.offset + args.limit), total: rows.length };
    };
    render(<SessionsView />, withData);
    await waitFor(() => expect(firstRowId()).toBe('100'));
    expect(headers()).toContain('Path');
  });
});
