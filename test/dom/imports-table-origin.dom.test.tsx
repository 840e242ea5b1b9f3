// The Import view's list says where a pulled import's records came from; a file import says nothing more.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportsTable } from '../../src-renderer/views/import/ImportsTable.js';
import type { ImportRecord } from '../../src-shared/domain.js';

afterEach(cleanup);

const record = (patch: Partial<ImportRecord>): ImportRecord => ({
  id: 1,
  file: '/logs/a.log',
  fileName: 'a.log',
  format: 'combined',
  preset: null,
  labelsFile: null,
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

const ORIGIN =
  "clickhouse source fleet: http://10.0.0.9:8123 logs.web, filter 'ua:sqlmap', 2026-01-05T00:00:00Z – 2026-01-06T00:00:00Z";

describe('Import view: the list of imports', () => {
  it('shows a pulled import’s origin and none for a file import', () => {
    render(
      <ImportsTable
        imports={[
          record({ id: 2, fileName: '123-clickhouse-fleet-1.log', origin: ORIGIN }),
          record({ id: 1 }),
        ]}
        selectedId={null}
        onSelect={() => {}}
      />,
    );
    expect(screen.getByTestId('import-origin-2').textContent).toBe(`pulled from ${ORIGIN}`);
    expect(screen.queryByTestId('import-origin-1')).toBeNull();
  });

  it('says why an import failed or was skipped, not only in a tooltip', () => {
    const why =
      'Labels file a.log.labels.csv, line 3: line 2 comes after line 3. Nothing from this import was kept.';
    render(
      <ImportsTable
        imports={[
          record({ id: 3, status: 'failed', message: why, rowsRead: 0, stored: 0 }),
          record({ id: 2, status: 'skipped', message: 'Same content as import #1 (a.log); nothing to do.' }),
          record({ id: 1 }),
        ]}
        selectedId={null}
        onSelect={() => {}}
      />,
    );
    expect(screen.getByTestId('import-message-3').textContent).toBe(why);
    expect(screen.getByTestId('import-message-2').textContent).toBe(
      'Same content as import #1 (a.log); nothing to do.',
    );
    expect(screen.queryByTestId('import-message-1')).toBeNull();
  });
});
