// The sessions the Sessions view shows, exported as the case export writes them (CSV with
// formula-safe cells, or JSON): every session of the filter in force, not only the loaded rows.
import type { SessionFilter } from '../../../src-shared/domain.js';
import { useExport } from '../../hooks/useExport.js';

const FORMATS = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
] as const;

export function SessionsExport({ filter, total }: { filter: SessionFilter; total: number | null }) {
  const { status, busy, run } = useExport();
  return (
    <span className="sessions-export" data-testid="sessions-export">
      Export{' '}
      {FORMATS.map(({ format, label }) => (
        <button
          key={format}
          type="button"
          className="small"
          disabled={busy || !total}
          title={`Every session of the filter in force, as ${label}`}
          onClick={() => run({ format, filter }, `${label} of these sessions`)}
          data-testid={`sessions-export-${format}`}
        >
          {label}
        </button>
      ))}{' '}
      <span className="muted" role="status" data-testid="sessions-export-status">
        {status}
      </span>
    </span>
  );
}
