import { useState } from 'react';
import { REPORT_FORMATS, type ReportFormat } from '../../../src-shared/reports.js';
import { transport } from '../../api/index.js';

const LABELS: Record<ReportFormat, string> = {
  html: 'HTML report',
  pdf: 'PDF report',
  csv: 'CSV sessions',
  json: 'JSON sessions',
  stix: 'STIX 2.1 bundle',
};

/** Export menu of a case: a browser download in serve mode, a native save dialog in the desktop app. */
export function ExportPanel({ caseId }: { caseId: number }) {
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const run = (format: ReportFormat) => {
    setBusy(true);
    setStatus(`Writing the ${LABELS[format]}…`);
    transport
      .saveExport({ caseId, format })
      .then(
        (line) => setStatus(line ?? 'Export cancelled.'),
        (e: Error) => setStatus(`Export failed: ${e.message}`),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className="case-export" data-testid="case-export">
      <h3>Export</h3>
      <div className="export-buttons">
        {REPORT_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            disabled={busy}
            onClick={() => run(format)}
            data-testid={`export-${format}`}
          >
            {LABELS[format]}
          </button>
        ))}
      </div>
      <p className="muted" data-testid="export-status">
        {status}
      </p>
    </section>
  );
}
