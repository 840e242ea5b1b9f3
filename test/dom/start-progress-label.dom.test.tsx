// The start page follows any import running while the database is empty, not only the sample's:
// its progress bar must name what it follows, for a screen reader as for the eye.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StartPage } from '../../src-renderer/views/start/StartPage.js';
import type { JobProgress } from '../../src-shared/domain.js';
import { answers } from './fake-api.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
afterEach(cleanup);

const running = (file: string): JobProgress => ({
  jobId: 'j1',
  kind: 'import',
  state: 'running',
  fraction: 0.4,
  message: 'reading',
  importId: 1,
  counts: null,
  bytesRead: 40,
  bytesTotal: 100,
  file,
  error: null,
});

describe('the start page progress bar', () => {
  it('names the file it follows', async () => {
    answers.listJobs = () => [running('access.log')];
    render(<StartPage />, withData);
    await act(async () => {});
    expect(
      screen.getByTestId('start-progress').querySelector('[aria-label]')?.getAttribute('aria-label'),
    ).toBe('Importing access.log');
  });
});
