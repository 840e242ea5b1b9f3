// A pull from a ClickHouse source in Recent jobs is named by its source and filter: it was headed
// "CloudWatch Logs pull" (the name of a CloudWatch pull before its first page), from start to end.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JobRow } from '../../src-renderer/views/import/JobRow.js';
import { fakeJob } from './fake-job.js';

afterEach(cleanup);

const heading = () => screen.getByTestId('import-job').querySelector('.job-name')?.textContent;

describe('a source pull in Recent jobs', () => {
  it('is named by its source and filter while it runs and once done', () => {
    const sourcePull = { source: 'fleet', filter: 'ua:sqlmap' };
    render(
      <JobRow
        job={fakeJob('j1', 'pull', 'running', { sourcePull })}
        record={undefined}
        onCancel={() => {}}
      />,
    );
    expect(heading()).toBe('fleet (ClickHouse) · ua:sqlmap');
    cleanup();
    render(
      <JobRow
        job={fakeJob('j1', 'pull', 'done', { sourcePull: { source: 'fleet', filter: '' } })}
        record={undefined}
        onCancel={() => {}}
      />,
    );
    expect(heading()).toBe('fleet (ClickHouse)');
  });

  it('leaves a CloudWatch pull named by its log group', () => {
    render(<JobRow job={fakeJob('j1', 'pull', 'running')} record={undefined} onCancel={() => {}} />);
    expect(heading()).toBe('CloudWatch Logs pull');
  });
});
