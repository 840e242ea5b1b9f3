// A file refused before it was read (format not recognised, missing) is a row of the Import view's
// list with its reason, and says its format and size are not known rather than showing blanks or 0 B.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportsTable } from '../../src-renderer/views/import/ImportsTable.js';
import type { ImportRecord } from '../../src-shared/domain.js';

afterEach(cleanup);

const refused: ImportRecord = {
  id: 4,
  file: '/logs/gone.log',
  fileName: 'gone.log',
  format: null,
  preset: null,
  labelsFile: null,
  origin: null,
  sizeBytes: null,
  bytesRead: 0,
  sha256: null,
  status: 'failed',
  message: 'no such file (check the name and the folder)',
  startedAt: Date.UTC(2026, 11, 7, 1, 2, 3),
  finishedAt: Date.UTC(2026, 11, 7, 1, 2, 3),
  rowsRead: 0,
  stored: 0,
  quarantined: 0,
  duplicates: 0,
};

describe('Import view: a refused import', () => {
  it('shows its reason, when it was tried, and dashes for the format and size it never had', () => {
    render(<ImportsTable imports={[refused]} selectedId={null} onSelect={() => {}} />);
    const cells = within(screen.getByTestId('imports-table')).getAllByRole('row')[1]!.querySelectorAll('td');
    const text = [...cells].map((cell) => cell.textContent);
    expect(text[1]).toContain('gone.log');
    expect(text[2]).toBe('—');
    expect(text[3]).toBe('failed');
    expect(text[4]).toBe('—');
    // When it was tried, in the list's Started (UTC) column like any import.
    expect(text.at(-1)).toBe('2026-12-07 01:02:03');
    expect(screen.getByTestId('import-message-4').textContent).toBe(
      'no such file (check the name and the folder)',
    );
  });
});
