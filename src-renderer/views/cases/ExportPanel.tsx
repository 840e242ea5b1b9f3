import { REPORT_FORMATS, type ReportFormat } from '../../../src-shared/reports.js';
import { useExport } from '../../hooks/useExport.js';

const LABELS: Record<ReportFormat, string> = {
  html: 'HTML report',
  pdf: 'PDF report',
  csv: 'CSV sessions',
  json: 'JSON sessions',
  stix: 'STIX 2.1 bundle',
};

/** Export menu of a case: a browser download in serve mode, a native save dialog in the desktop app. */
export function ExportPanel({ caseId }: { caseId: number }) {
  const { status, busy, run: save } = useExport();
  const run = (format: ReportFormat) => save({ caseId, format }, LABELS[format]);
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
