// The frame around the views: the global filter only where it narrows what is shown, and `?`
// listing the current view's own keys (Triage's and Sessions' included).
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Shell } from '../../src-renderer/shell/Shell.js';
import { answers } from './fake-api.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

beforeEach(() => {
  answers.listRuns = () => [];
  answers.dashboardSummary = () => ({ lastTs: null });
});
afterEach(cleanup);

const keysShown = () =>
  within(screen.getByTestId('shortcuts-dialog'))
    .getAllByRole('row')
    .map((row) => row.querySelector('kbd')?.textContent);

async function openHelp() {
  await act(async () => void fireEvent.keyDown(window, { key: '?' }));
}

describe('the shell', () => {
  it('offers the filter on the views it narrows, and says where it applies elsewhere', async () => {
    render(<Shell view="triage">x</Shell>, withData);
    expect(screen.getByTestId('filter-input')).toBeTruthy();
    cleanup();
    for (const view of ['models', 'cases', 'import'] as const) {
      render(<Shell view={view}>x</Shell>, withData);
      expect(screen.queryByTestId('filter-input')).toBeNull();
      expect(screen.getByTestId('filter-elsewhere').textContent).toBe(
        'The filter applies to Overview, Sessions, Graph and Triage.',
      );
      cleanup();
    }
  });

  it('lists the current view’s own keys on ?', async () => {
    render(<Shell view="triage">x</Shell>, withData);
    await openHelp();
    expect(keysShown()).toEqual(expect.arrayContaining(['/', 'j / k', 'm / b / r', 'c', 'u']));
    cleanup();
    render(<Shell view="sessions">x</Shell>, withData);
    await openHelp();
    expect(keysShown()).toEqual(expect.arrayContaining(['↑ ↓ ← → PageUp PageDown Home End', 'c', 'Enter']));
    expect(keysShown()).not.toContain('j / k');
    cleanup();
    render(<Shell view="models">x</Shell>, withData);
    await openHelp();
    expect(keysShown()).toEqual(['?']);
  });
});
