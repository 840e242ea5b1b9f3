// Pull into workspace counts the matching rows with the remote Overview's question. When the source
// cannot answer it (a server that is down; a workspace-only term such as verdict: is said before
// asking, remote-refused-term.dom.test.tsx), the dialog said "Matching rows: counting…" for ever,
// with Pull disabled and no reason given. It now says why, as the banner of the view behind it
// does, and still sends nothing.
import { cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PullDialog } from '../../src-renderer/views/sources/PullDialog.js';
import { answers, calls } from './fake-api.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
configure({ asyncUtilTimeout: 5000 });

const REFUSAL = 'Cannot reach source "fleet" at http://10.0.0.9:8123 (ECONNREFUSED): is the server running?';

beforeEach(() => {
  calls.length = 0;
  answers.sourceOverview = () => {
    throw new Error(REFUSAL);
  };
});
afterEach(cleanup);

describe('Pull into workspace when the source cannot count the rows', () => {
  it("says the source's reason instead of counting for ever, and pulls nothing", async () => {
    render(<PullDialog source="fleet" onClose={() => {}} />, withData);
    await waitFor(() => expect(screen.getByText(REFUSAL).className).toBe('error-note'));
    expect(screen.getByTestId('pull-count').textContent).toBe('not counted');
    expect((screen.getByTestId('pull-start') as HTMLButtonElement).disabled).toBe(true);
    expect(calls.filter((call) => call.name === 'startSourcePull')).toEqual([]);
  });
});
