import type { ImportRecord } from '../../../src-shared/domain.js';
import { baseName, formatBytes, formatCount, formatTimestamp } from '../../format.js';
import { pageWords } from './page-words.js';

interface ImportsTableProps {
  imports: ImportRecord[];
  selectedId: number | null;
  onSelect: (id: number | null) => void;
}

export function ImportsTable({ imports, selectedId, onSelect }: ImportsTableProps) {
  if (imports.length === 0) return <p className="empty">Nothing imported yet.</p>;
  return (
    <div className="table-wrap">
      <table data-testid="imports-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">File</th>
            <th scope="col">Format</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col" className="num">
              Stored
            </th>
            <th scope="col" className="num">
              Duplicates
            </th>
            <th scope="col" className="num">
              Quarantined
            </th>
            <th scope="col">Started (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {imports.map((record) => (
            <tr key={record.id} aria-selected={record.id === selectedId}>
              <td className="num">{record.id}</td>
              <td
                className="ellipsis"
                title={record.message === null ? record.file : pageWords(record.message)}
              >
                {record.fileName}
                {record.labelsFile && (
                  <span className="muted" title={record.labelsFile}>
                    {' '}
                    · labelled by {baseName(record.labelsFile)}
                  </span>
                )}
                {record.origin && (
                  <div
                    className="muted ellipsis"
                    title={record.origin}
                    data-testid={`import-origin-${record.id}`}
                  >
                    pulled from {record.origin}
                  </div>
                )}
                {/* Why it failed, was skipped or cancelled: the job that said so is gone after a restart. */}
                {record.message && (
                  <div className="muted import-message" data-testid={`import-message-${record.id}`}>
                    {pageWords(record.message)}
                  </div>
                )}
              </td>
              {/* No format or size: a file refused before it was recognised, or not there at all. */}
              <td>{record.format ?? '—'}</td>
              <td>
                <span className={`badge state-${record.status}`}>{record.status}</span>
              </td>
              <td className="num">{record.sizeBytes === null ? '—' : formatBytes(record.sizeBytes)}</td>
              <td className="num">{formatCount(record.rowsRead)}</td>
              <td className="num">{formatCount(record.stored)}</td>
              <td className="num">{formatCount(record.duplicates)}</td>
              <td className="num">
                {record.quarantined > 0 ? (
                  <button
                    type="button"
                    className="link"
                    aria-pressed={record.id === selectedId}
                    onClick={() => onSelect(record.id === selectedId ? null : record.id)}
                    data-testid={`quarantine-toggle-${record.id}`}
                  >
                    {formatCount(record.quarantined)} · {record.id === selectedId ? 'hide' : 'show'}
                  </button>
                ) : (
                  '0'
                )}
              </td>
              <td>{formatTimestamp(record.startedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
