// The ways in name every kind of log Vigil reads: a new user with an nginx access log must not
// conclude from the drop zone or the start page that only AWS formats are taken.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DropZone } from '../../src-renderer/views/import/DropZone.js';
import { StartPage } from '../../src-renderer/views/start/StartPage.js';
import { IMPORTABLE_LOGS } from '../../src-shared/import-formats.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
afterEach(cleanup);

const KINDS = [
  'Apache',
  'nginx',
  'ALB',
  'CloudFront',
  'Zeek',
  'Suricata',
  'CloudWatch',
  'VPC Flow',
  'WAF',
  'column mapping',
];

describe('the formats a user is told Vigil imports', () => {
  it('are all named in the one sentence every way in shows (vigil ingest --help too)', () => {
    for (const kind of KINDS) expect(IMPORTABLE_LOGS).toContain(kind);
  });

  it('show in the drop zone and on the start page', () => {
    render(<DropZone onFiles={() => {}} onSample={() => {}} />, withData);
    expect(screen.getByTestId('dropzone').textContent).toContain(IMPORTABLE_LOGS);
    cleanup();
    render(<StartPage />, withData);
    expect(screen.getByTestId('start-page').textContent).toContain(IMPORTABLE_LOGS);
  });
});
