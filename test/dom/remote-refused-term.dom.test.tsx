// A term only the local workspace knows (sigma:, verdict: …) with a source chosen: the banner said
// the server's failure with "Ask again", which only asked to be refused again. It now names the
// term and what to do, with no "Ask again", and its Remove takes the term out of the filter. The
// page does not ask the source at all; and when the core refuses a question the page let through
// (serve mode names the refusal's kind), it says the same.
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { filterStore, setFilterText } from '../../src-renderer/state/filter.js';
import { PullDialog } from '../../src-renderer/views/sources/PullDialog.js';
import { RemoteSessions } from '../../src-renderer/views/sources/RemoteSessions.js';
import { workspaceOnlyMessage } from '../../src-shared/filter/workspace-only.js';
import { workspaceOnlyTermError } from '../../src-shared/refusal.js';
import { answers, calls } from './fake-api.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
configure({ asyncUtilTimeout: 5000 });

const ROW = { startTs: Date.UTC(2026, 0, 5), srcIp: '10.0.0.1', country: 'US' };

beforeEach(() => {
  calls.length = 0;
  answers.sourceSessions = () => ({ items: [ROW], next: null });
  answers.sourceOverview = () => new Promise(() => {});
});
afterEach(() => {
  cleanup();
  setFilterText('');
});

const asked = (name: string) => calls.filter((call) => call.name === name);

describe('a workspace-only term while a source is chosen', () => {
  it('is said with its fixes, without asking the source or offering Ask again', async () => {
    setFilterText('country:US -sigma:"SQL injection"');
    render(<RemoteSessions source="fleet" />, withData);
    const refused = await screen.findByTestId('remote-refused');
    expect(screen.getByTestId('remote-refused-message').textContent).toBe(workspaceOnlyMessage('sigma'));
    expect(screen.queryByTestId('remote-retry')).toBeNull();
    expect(screen.queryByText('Ask again')).toBeNull();
    expect(refused.getAttribute('data-term')).toBe('sigma');
    expect(asked('sourceSessions')).toEqual([]);

    fireEvent.click(screen.getByTestId('remote-remove-term'));
    expect(filterStore.get().text).toBe('country:US');
    await waitFor(() => expect(screen.getByTestId('remote-page').textContent).toBe('Rows 1–1'));
    expect(screen.queryByTestId('remote-refused')).toBeNull();
    expect(asked('sourceSessions')).toHaveLength(1);
  });

  it('is said the same when the core refuses it (the kind named in its answer)', async () => {
    answers.sourceSessions = () => {
      throw workspaceOnlyTermError('verdict');
    };
    render(<RemoteSessions source="fleet" />, withData);
    await screen.findByTestId('remote-refused');
    expect(screen.getByTestId('remote-refused-message').textContent).toBe(workspaceOnlyMessage('verdict'));
    expect(screen.queryByTestId('remote-retry')).toBeNull();
    expect(screen.getByTestId('remote-remove-term').textContent).toBe('Remove verdict: from the filter');
  });

  it('Pull into workspace says why it cannot count, and counts nothing', async () => {
    setFilterText('level:>=high');
    render(<PullDialog source="fleet" onClose={() => {}} />, withData);
    await waitFor(() => expect(screen.getByText(workspaceOnlyMessage('level')).className).toBe('error-note'));
    expect(screen.getByTestId('pull-count').textContent).toBe('not counted');
    expect((screen.getByTestId('pull-start') as HTMLButtonElement).disabled).toBe(true);
    expect(asked('sourceOverview')).toEqual([]);
  });
});
