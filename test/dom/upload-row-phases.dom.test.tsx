// An upload's row in the Import view: a percentage while its bytes go out; once they are all sent,
// "Sent; starting the import…" (no percentage: the page cannot see the server's side), with Cancel
// while the upload can still be stopped; a failure while starting stays with its reason.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Upload, UploadRow } from '../../src-renderer/views/import/UploadRow.js';

afterEach(cleanup);

const upload = (patch: Partial<Upload>): Upload => ({
  key: 1,
  name: 'big.log',
  fraction: 0.4,
  phase: 'sending',
  error: null,
  ...patch,
});

function rowOf(u: Upload, onCancel = vi.fn(), onDismiss = vi.fn()) {
  render(<UploadRow upload={u} onCancel={onCancel} onDismiss={onDismiss} />);
  return screen.getByTestId('upload');
}

describe('Import view: an upload row', () => {
  it('shows the percentage sent while the bytes go out', () => {
    const row = rowOf(upload({}));
    expect(row.dataset.state).toBe('uploading');
    expect(screen.getByTestId('upload-progress-text').textContent).toBe('Sending 40%');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
  });

  it('says sent and starting once every byte is out, and can still be cancelled until the server has it', () => {
    const onCancel = vi.fn();
    const row = rowOf(upload({ fraction: 1, phase: 'sent' }), onCancel);
    expect(row.dataset.state).toBe('starting');
    expect(screen.getByTestId('upload-progress-text').textContent).toBe('Sent; starting the import…');
    expect(row.textContent).not.toMatch(/100\s*%/);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledWith(1);
  });

  it('offers no Cancel once the server has the file and is starting its import', () => {
    rowOf(upload({ fraction: 1, phase: 'starting' }));
    expect(screen.getByTestId('upload-progress-text').textContent).toBe('Sent; starting the import…');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('keeps the reason when the import could not be started, until dismissed', () => {
    const onDismiss = vi.fn();
    const row = rowOf(
      upload({ fraction: 1, phase: 'starting', error: 'No preset named "proxy"' }),
      vi.fn(),
      onDismiss,
    );
    expect(row.dataset.state).toBe('failed');
    expect(row.textContent).toContain('No preset named "proxy"');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onDismiss).toHaveBeenCalledWith(1);
  });
});
