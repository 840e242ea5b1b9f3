// A failed import's job says what its import record says: why, and that nothing of it was kept.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JobRow } from '../../src-renderer/views/import/JobRow.js';
import type { ImportRecord } from '../../src-shared/domain.js';
import { fakeJob } from './fake-job.js';

afterEach(cleanup);

const WHY =
  'Labels file a.log.labels.csv, line 3: line 2 comes after line 3: give the lines in order, once each';

const failed: ImportRecord = {
  id: 7,
  file: '/logs/a.log',
  fileName: 'a.log',
  format: 'combined',
  preset: null,
  labelsFile: '/logs/a.log.labels.csv',
  origin: null,
  sizeBytes: 100,
  bytesRead: 0,
  sha256: null,
  status: 'failed',
  message: `${WHY}. Nothing from this import was kept.`,
  startedAt: 0,
  finishedAt: 1,
  rowsRead: 0,
  stored: 0,
  quarantined: 0,
  duplicates: 0,
};

describe('a failed import job', () => {
  it('says that nothing of the import was kept, as its record does', () => {
    const job = fakeJob('j1', 'import', 'failed', { file: '/logs/a.log', importId: 7, error: `${WHY}.` });
    render(<JobRow job={job} record={failed} onCancel={() => {}} />);
    expect(screen.getByText(/give the lines in order/).textContent).toBe(
      `${WHY}. Nothing from this import was kept.`,
    );
  });

  it('says the error it failed with when it failed before its import existed', () => {
    const job = fakeJob('j2', 'import', 'failed', { file: '/logs/b.log', error: 'b.log: no such file' });
    render(<JobRow job={job} record={undefined} onCancel={() => {}} />);
    expect(screen.getByText('b.log: no such file')).toBeTruthy();
  });
});

describe('a queued import job', () => {
  it('says it waits its turn, not that it is 0% through', () => {
    const job = fakeJob('j3', 'import', 'queued', {
      file: '/logs/c.log',
      fraction: 0,
      message: 'Queued c.log',
    });
    render(<JobRow job={job} record={undefined} onCancel={() => {}} />);
    expect(screen.getByTestId('job-progress-text').textContent).toBe(
      'Waiting for the imports before it (one runs at a time)',
    );
    cleanup();
    const running = fakeJob('j4', 'import', 'running', {
      file: '/logs/c.log',
      fraction: 0.25,
      counts: { rowsRead: 1200, stored: 1200, quarantined: 0, duplicates: 0 },
    });
    render(<JobRow job={running} record={undefined} onCancel={() => {}} />);
    expect(screen.getByTestId('job-progress-text').textContent).toBe('25% · 1,200 rows read');
  });
});
