// A source's Overview cancelled before the engine answered: the banner said "Cancelled", and below it
// every chart said "Nothing to show." as if the source held no row matching the filter. Nothing was
// computed, and the view now says that once, in place of the charts.
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RemoteOverview } from '../../src-renderer/views/sources/RemoteOverview.js';
import { answers, calls } from './fake-api.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  calls.length = 0;
  // The engine is still counting when the analyst gives up.
  answers.sourceOverview = () => new Promise(() => {});
  answers.cancelSourceQuery = () => ({ cancelled: true });
});
afterEach(cleanup);

describe("a source's Overview cancelled before it was answered", () => {
  it('says nothing was computed, and no chart says there is nothing to show', async () => {
    render(<RemoteOverview source="fleet" />, withData);
    fireEvent.click(await screen.findByTestId('remote-cancel'));
    await waitFor(() =>
      expect(screen.getByTestId('remote-error').textContent).toMatch(
        /^Cancelled: the query was stopped on fleet\./,
      ),
    );
    expect(screen.queryAllByText('Nothing to show.')).toEqual([]);
    expect(screen.getByTestId('remote-not-computed').textContent).toBe(
      'Nothing was computed: the question was cancelled. Ask again above to see the charts.',
    );
    // No key figures either: their tiles would be blank boxes without their names.
    expect(screen.queryByTestId('kpis')).toBeNull();
  });
});
