// An import job with a labels file says "labelled by" only while its labels can apply or did: a log
// skipped as imported before got none of them (its message says so).
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JobRow } from '../../src-renderer/views/import/JobRow.js';
import type { ImportRecord } from '../../src-shared/domain.js';
import { fakeJob } from './fake-job.js';

afterEach(cleanup);

const record = (patch: Partial<ImportRecord>): ImportRecord => ({
  id: 7,
  file: '/logs/a.log',
  fileName: 'a.log',
  format: 'combined',
  preset: null,
  labelsFile: '/logs/a.log.labels.csv',
  origin: null,
  sizeBytes: 100,
  bytesRead: 100,
  sha256: null,
  status: 'done',
  message: null,
  startedAt: 0,
  finishedAt: 1,
  rowsRead: 3,
  stored: 3,
  quarantined: 0,
  duplicates: 0,
  ...patch,
});

const job = (state: 'running' | 'done') =>
  fakeJob('j1', 'import', state, { file: '/logs/a.log', labels: '/logs/a.log.labels.csv', importId: 7 });
const labelsNote = () => screen.queryByTestId('job-labels')?.textContent ?? null;

describe('an import job with a labels file', () => {
  it('says which labels file while it runs and once its labels were applied', () => {
    render(<JobRow job={job('running')} record={undefined} onCancel={() => {}} />);
    expect(labelsNote()).toBe(' · labelled by a.log.labels.csv');
    cleanup();
    render(<JobRow job={job('done')} record={record({})} onCancel={() => {}} />);
    expect(labelsNote()).toBe(' · labelled by a.log.labels.csv');
  });

  it('does not when the log was skipped as imported before: its labels were not applied', () => {
    const skipped = record({
      status: 'skipped',
      labelsFile: null,
      message: 'Same content as import #1 (a.log), imported before: its labels were not applied.',
    });
    render(<JobRow job={job('done')} record={skipped} onCancel={() => {}} />);
    expect(labelsNote()).toBeNull();
    expect(screen.getByText(/its labels were not applied/)).toBeTruthy();
  });
});
