// Exporting what the Sessions view shows: the sessions of the global filter, as CSV or JSON, through
// the same transport as a case's export (a download in serve mode, a save dialog in the app).
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionsExport } from '../../src-renderer/views/sessions/SessionsExport.js';
import { parseFilterOrThrow } from '../../src-shared/filter/index.js';
import { answers, calls } from './fake-api.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

beforeEach(() => {
  calls.length = 0;
});
afterEach(cleanup);

describe('the Sessions export', () => {
  it('exports the sessions of the filter in force, and says what it wrote', async () => {
    answers.saveExport = () => 'Downloaded sessions.csv (1,024 bytes, 12 sessions).';
    const filter = { from: 1, to: 2, clauses: parseFilterOrThrow('status:5xx sigma:*') };
    render(<SessionsExport filter={filter} total={12} />, withData);
    await act(async () => void fireEvent.click(screen.getByTestId('sessions-export-csv')));
    expect(calls).toEqual([{ name: 'saveExport', args: { format: 'csv', filter } }]);
    expect(screen.getByTestId('sessions-export-status').textContent).toBe(
      'Downloaded sessions.csv (1,024 bytes, 12 sessions).',
    );
  });

  it('says when the export fails, and offers nothing to export for no session', async () => {
    answers.saveExport = () => {
      throw new Error('disk full');
    };
    render(<SessionsExport filter={{}} total={3} />, withData);
    await act(async () => void fireEvent.click(screen.getByTestId('sessions-export-json')));
    expect(screen.getByTestId('sessions-export-status').textContent).toBe('Export failed: disk full');
    cleanup();
    render(<SessionsExport filter={{}} total={0} />, withData);
    expect((screen.getByTestId('sessions-export-csv') as HTMLButtonElement).disabled).toBe(true);
  });
});
