// A note is added once per press: a double click on Add note while the first was on its way put
// the same note in the case's timeline (and its report) twice.
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaseNotes } from '../../src-renderer/views/cases/CaseNotes.js';
import { answers, calls } from './fake-api.js';
import { fakeCase } from './fake-case.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  calls.length = 0;
});
afterEach(cleanup);

describe('the case note box', () => {
  it('adds one note however often Add note is pressed while it is on its way', async () => {
    let answer: (value: unknown) => void = () => undefined;
    answers.addCaseNote = () => new Promise((resolve) => (answer = resolve));
    render(<CaseNotes caseId={1} notes={[]} onError={() => undefined} />);
    fireEvent.change(screen.getByPlaceholderText('Add a note'), { target: { value: 'handed to IR' } });
    const add = screen.getByRole('button', { name: 'Add note' });
    fireEvent.click(add);
    fireEvent.click(add);
    await waitFor(() => expect(calls.filter((c) => c.name === 'addCaseNote')).toHaveLength(1));
    answer({ case: fakeCase(1), items: [], notes: [] });
    await waitFor(() =>
      expect((screen.getByPlaceholderText('Add a note') as HTMLTextAreaElement).value).toBe(''),
    );
    // Once answered, the next note goes through.
    fireEvent.change(screen.getByPlaceholderText('Add a note'), { target: { value: 'closed' } });
    fireEvent.click(add);
    await waitFor(() => expect(calls.filter((c) => c.name === 'addCaseNote')).toHaveLength(2));
  });
});
