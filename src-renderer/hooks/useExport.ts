// One export at a time through the transport (a download in serve mode, a save dialog in the
// desktop app), with the line that says what it wrote, that it was cancelled, or why it failed.
import { useState } from 'react';
import type { ExportTarget } from '../../src-shared/reports.js';
import { transport } from '../api/index.js';

export function useExport() {
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const run = (target: ExportTarget, label: string) => {
    setBusy(true);
    setStatus(`Writing the ${label}…`);
    transport
      .saveExport(target)
      .then(
        (line) => setStatus(line ?? 'Export cancelled.'),
        (e: Error) => setStatus(`Export failed: ${e.message}`),
      )
      .finally(() => setBusy(false));
  };
  return { status, busy, run };
}
