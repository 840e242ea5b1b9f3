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
