// The Sessions table on web requests: the request's default columns, and the rule-hit column
// filled per loaded page (count and highest level), blank for rows without a hit.
import { cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setFilterText } from '../../src-renderer/state/filter.js';
import { SessionsView } from '../../src-renderer/views/sessions/SessionsView.js';
import { answers, calls } from './fake-api.js';
import { fakeSession } from './fake-session.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
configure({ asyncUtilTimeout: 5000 });

const request = (id: number) =>
  fakeSession(id, { method: 'GET', host: 'shop.example.com', path: `/item/${id}`, userAgent: 'curl/8.5.0' });

beforeEach(() => {
  calls.length = 0;
  localStorage.clear();
  setFilterText('');
  answers.sessionPage = (args: { offset: number; limit: number }) => ({
    items: Array.from({ length: Math.min(args.limit, 50 - args.offset) }, (_, i) =>
      request(args.offset + i + 1),
    ),
    total: 50,
  });
  // Hits on sessions 1 and 3 only.
  answers.sessionRuleHitCounts = (args: { sessionIds: number[] }) =>
    [
      { sessionId: 1, hits: 2, level: 'high' },
      { sessionId: 3, hits: 1, level: 'low' },
    ].filter((c) => args.sessionIds.includes(c.sessionId));
});
afterEach(cleanup);

const cell = (sessionId: number, column: string) =>
  document.querySelector(`[data-testid="session-row"][data-session-id="${sessionId}"] [data-col="${column}"]`)
    ?.textContent;

describe('Sessions table on web requests', () => {
  it('shows the request columns and each row’s rule hits', async () => {
    render(<SessionsView />, withData);
    await waitFor(() => expect(cell(1, 'ruleHits')).toBe('2 · high'));
    expect(cell(2, 'ruleHits')).toBe('–');
    expect(cell(3, 'ruleHits')).toBe('1 · low');
    expect(cell(1, 'path')).toBe('/item/1');
    expect(cell(1, 'method')).toBe('GET');
    expect(cell(1, 'userAgent')).toBe('curl/8.5.0');
    expect(cell(1, 'host')).toBe('shop.example.com');
    // The flow's columns give way to the request's.
    expect(cell(1, 'dstPort')).toBeUndefined();
    // One question per loaded page, for the rows of that page.
    const asked = calls.filter((c) => c.name === 'sessionRuleHitCounts');
    expect(asked).toHaveLength(1);
    expect((asked[0]?.args as { sessionIds: number[] } | undefined)?.sessionIds).toHaveLength(50);
  });

  it('leaves the Host column out by default when no request of the first page names a host', async () => {
    // A Combined log names none: its empty Host column pushed Path, the one an analyst reads, out of sight.
    answers.sessionPage = () => ({
      items: [1, 2].map((id) => fakeSession(id, { method: 'GET', host: null, path: `/item/${id}` })),
      total: 2,
    });
    render(<SessionsView />, withData);
    await waitFor(() => expect(cell(1, 'path')).toBe('/item/1'));
    expect(cell(1, 'host')).toBeUndefined();
    expect(cell(1, 'method')).toBe('GET');
  });

  it('asks nothing about flows, which the web rules cannot match', async () => {
    answers.sessionPage = () => ({ items: [fakeSession(1), fakeSession(2)], total: 2 });
    render(<SessionsView />, withData);
    await waitFor(() => expect(screen.getAllByTestId('session-row')).toHaveLength(2));
    expect(cell(1, 'ruleHits')).toBeUndefined();
    expect(calls.some((c) => c.name === 'sessionRuleHitCounts')).toBe(false);
  });
});
