// The new-case form opened from Sessions' "New case…" (`#/cases/new?filter=1`): it names the filter
// in force, titles the case after it, and creates the case with that filter, so the core puts
// every session the filter selects into it.
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setFilterText, setTimeRange } from '../../src-renderer/state/filter.js';
import { NewCaseForm } from '../../src-renderer/views/cases/NewCaseForm.js';
import { parseFilterOrThrow } from '../../src-shared/filter/index.js';
import { answers, calls } from './fake-api.js';
import { fakeCase } from './fake-case.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  calls.length = 0;
  answers.createCase = () => ({ case: fakeCase(9), items: [], notes: [] });
  answers.sessionPage = () => ({ items: [], total: 262 });
});
afterEach(() => {
  cleanup();
  setFilterText('');
  setTimeRange({});
});

describe('a new case from the filter in force', () => {
  it('names the filter, titles the case after it and sends it to the core', async () => {
    setFilterText('sigma:="SQL injection in a web request" -country:US');
    setTimeRange({ from: Date.UTC(2024, 3, 25), to: Date.UTC(2024, 3, 26) });
    render(<NewCaseForm ips={[]} sessionIds={[]} withFilter />, withData);
    // The count comes from the core for the same filter.
    await waitFor(() =>
      expect(screen.getByTestId('case-new-filter').textContent).toBe(
        'With every session of the filter in force: sigma:="SQL injection in a web request" -country:US, 2024-04-25 00:00:00 to 2024-04-26 00:00:00 UTC (262 sessions now). The case keeps the sessions it selects now.',
      ),
    );
    expect((screen.getByTestId('case-title-input') as HTMLInputElement).value).toBe(
      'Sessions matching sigma:="SQL injection in a web request" -country:US',
    );
    fireEvent.click(screen.getByTestId('case-create'));
    await waitFor(() => expect(calls.some((c) => c.name === 'createCase')).toBe(true));
    expect(calls.find((c) => c.name === 'createCase')?.args).toMatchObject({
      filter: {
        from: Date.UTC(2024, 3, 25),
        to: Date.UTC(2024, 3, 26),
        clauses: parseFilterOrThrow('sigma:="SQL injection in a web request" -country:US'),
      },
      sessionIds: [],
    });
    await waitFor(() => expect(window.location.hash).toBe('#/cases/9'));
  });

  it('sends no filter for a case made from an IP', async () => {
    setFilterText('country:US');
    render(<NewCaseForm ips={['198.51.100.7']} sessionIds={[]} />, withData);
    expect(screen.queryByTestId('case-new-filter')).toBeNull();
    fireEvent.click(screen.getByTestId('case-create'));
    await waitFor(() => expect(calls.some((c) => c.name === 'createCase')).toBe(true));
    expect(calls.find((c) => c.name === 'createCase')?.args).not.toHaveProperty('filter');
  });
  it('creates one case however often Create is pressed while the first is on its way', async () => {
    let answer: (value: unknown) => void = () => undefined;
    answers.createCase = () => new Promise((resolve) => (answer = resolve));
    render(<NewCaseForm ips={['198.51.100.7']} sessionIds={[]} />, withData);
    // A double click, or Enter then a click: before, each made a case of its own.
    fireEvent.click(screen.getByTestId('case-create'));
    fireEvent.click(screen.getByTestId('case-create'));
    fireEvent.submit(screen.getByTestId('case-new'));
    await waitFor(() => expect(calls.filter((c) => c.name === 'createCase')).toHaveLength(1));
    answer({ case: fakeCase(9), items: [], notes: [] });
    await waitFor(() => expect(window.location.hash).toBe('#/cases/9'));
    expect(calls.filter((c) => c.name === 'createCase')).toHaveLength(1);
  });
});
