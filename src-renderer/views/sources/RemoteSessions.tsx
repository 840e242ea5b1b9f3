import '../../styles/sources.css';
import '../../styles/table.css';
// The Sessions table of a remote source: pages of its rows matching the filter, in time order, by
// keyset (each page continues from the last row shown; never an offset over billions of rows).
// Previous pages are the cursors already walked, so going back asks the same questions again.
import { useState } from 'react';
import type { SourcePageCursor, SourceRow } from '../../../src-shared/sources.js';
import { formatBytes, formatCount, formatTimestamp } from '../../format.js';
import { useSessionFilter } from '../../state/filter.js';
import { PullDialog } from './PullDialog.js';
import { RemoteBanner } from './RemoteBanner.js';
import { useSourceQuery } from './useSourceQuery.js';

const PAGE = 100;

type Cell = (row: SourceRow) => string;
const text =
  (field: string): Cell =>
  (row) =>
    row[field] === null || row[field] === undefined ? '' : String(row[field]);
const bytes =
  (field: string): Cell =>
  (row) =>
    row[field] === null || row[field] === undefined ? '' : formatBytes(Number(row[field]));

const COLUMNS: { label: string; cell: Cell }[] = [
  { label: 'Start (UTC)', cell: (row) => formatTimestamp(Number(row.startTs)) },
  { label: 'Source IP', cell: text('srcIp') },
  { label: 'Destination', cell: text('dstIp') },
  { label: 'Port', cell: text('dstPort') },
  { label: 'Protocol', cell: text('protocol') },
  { label: 'Bytes in', cell: bytes('bytesIn') },
  { label: 'Bytes out', cell: bytes('bytesOut') },
  { label: 'Status', cell: text('responseCode') },
  { label: 'Country', cell: text('country') },
  { label: 'Type', cell: text('detectionType') },
  { label: 'Method', cell: text('method') },
  { label: 'Path', cell: text('path') },
];

export function RemoteSessions({ source }: { source: string }) {
  const filter = useSessionFilter();
  // The cursors of the pages walked so far; the last one is the page shown (null: the first page).
  const [trail, setTrail] = useState<{ key: string; cursors: (SourcePageCursor | null)[] }>({
    key: '',
    cursors: [null],
  });
  const [pulling, setPulling] = useState(false);
  // A new source or filter starts again at the first page.
  const key = JSON.stringify([source, filter]);
  const cursors = trail.key === key ? trail.cursors : [null];
  const after = cursors[cursors.length - 1] ?? null;
  const query = useSourceQuery('sourceSessions', { source, filter, after, limit: PAGE });
  const page = query.result.data;
  const first = (cursors.length - 1) * PAGE;
  return (
    <div className="view" data-testid="view-sessions" data-remote={source}>
      <header className="view-head">
        <h1>Sessions</h1>
        <p className="muted">
          Rows of {source} matching the filter, in time order, read page by page from the engine.
        </p>
      </header>
      <RemoteBanner source={source} query={query} what="sessions" onPull={() => setPulling(true)} />
      <section className="panel">
        <div className="table-wrap">
          <table data-testid="remote-sessions">
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <th key={column.label}>{column.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(page?.items ?? []).map((row, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a remote row has no id; its place in the page is its key.
                <tr key={index}>
                  {COLUMNS.map((column) => (
                    <td key={column.label}>{column.cell(row)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="pager">
          <button
            type="button"
            disabled={cursors.length < 2}
            onClick={() => setTrail({ key, cursors: cursors.slice(0, -1) })}
            data-testid="remote-previous"
          >
            Previous
          </button>
          <span className="muted" data-testid="remote-page">
            {page && page.items.length > 0
              ? `Rows ${formatCount(first + 1)}–${formatCount(first + page.items.length)}`
              : page
                ? 'No row matches'
                : ''}
          </span>
          <button
            type="button"
            disabled={!page?.next}
            onClick={() => page?.next && setTrail({ key, cursors: [...cursors, page.next] })}
            data-testid="remote-next"
          >
            Next
          </button>
        </p>
      </section>
      {pulling && <PullDialog source={source} onClose={() => setPulling(false)} />}
    </div>
  );
}
