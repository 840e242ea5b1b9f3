// "Add N to case…" in the Sessions view: every session of the filter in force goes to an open case
// in one call that carries the filter (the core selects the ids); the line beside it says how many
// the case did not hold yet, or why the core refused; more than a change may take is not offered.
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionsToCase } from '../../src-renderer/views/sessions/SessionsToCase.js';
import { answers, calls } from './fake-api.js';
import { fakeCase } from './fake-case.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
configure({ asyncUtilTimeout: 5000 });

const filter = {
  clauses: [{ field: 'ua' as const, negate: false, values: [{ kind: 'exact' as const, value: 'curl/8' }] }],
};

beforeEach(() => {
  calls.length = 0;
  answers.listCases = () => [
    fakeCase(4, { title: 'Brute force wave', sessions: 10 }),
    fakeCase(5, { title: 'Old one', status: 'closed' }),
  ];
  answers.editCaseItems = () => ({ case: fakeCase(4, { sessions: 250 }), items: [], notes: [] });
});
afterEach(cleanup);

describe('Sessions: add every session of the filter to a case', () => {
  it('opens the new-case form with the filter in force from "New case…"', async () => {
    window.location.hash = '#/sessions';
    render(<SessionsToCase filter={filter} total={262} />, withData);
    const select = (await screen.findByTestId('sessions-case')) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'new' } });
    expect(window.location.hash).toBe('#/cases/new?filter=1');
    expect(calls.some((c) => c.name === 'editCaseItems')).toBe(false);
  });

  it('sends the filter with the open case chosen, and says how many the case did not hold', async () => {
    render(<SessionsToCase filter={filter} total={262} />, withData);
    const select = (await screen.findByTestId('sessions-case')) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(3));
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Add 262 to case…',
      'New case…',
      '#4 Brute force wave',
    ]);
    fireEvent.change(select, { target: { value: '4' } });
    await waitFor(() =>
      expect(screen.getByTestId('sessions-case-status').textContent).toBe('Added 240 sessions to case #4.'),
    );
    expect(calls.filter((c) => c.name === 'editCaseItems').map((c) => c.args)).toEqual([
      { caseId: 4, filter, add: true },
    ]);
  });

  it('says why the core refused, and offers nothing past the bound or for no session', async () => {
    answers.editCaseItems = () => {
      throw new Error(
        'The filter selects 120,000 sessions; a case takes at most 100,000 at once: narrow the filter.',
      );
    };
    render(<SessionsToCase filter={filter} total={262} />, withData);
    const select = (await screen.findByTestId('sessions-case')) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(3));
    fireEvent.change(select, { target: { value: '4' } });
    await waitFor(() =>
      expect(screen.getByTestId('sessions-case-status').textContent).toMatch(
        /^Refused: The filter selects 120,000/,
      ),
    );
    cleanup();
    render(<SessionsToCase filter={filter} total={100_001} />, withData);
    expect(((await screen.findByTestId('sessions-case')) as HTMLSelectElement).disabled).toBe(true);
    cleanup();
    render(<SessionsToCase filter={filter} total={0} />, withData);
    expect(((await screen.findByTestId('sessions-case')) as HTMLSelectElement).disabled).toBe(true);
  });
});
