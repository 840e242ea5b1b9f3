import { useState } from 'react';
import { ErrorNote } from '../../components/ErrorNote.js';
import { Pager } from '../../components/Pager.js';
import { queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { formatCount } from '../../format.js';

const PAGE = 100;

/** Rows of one import that could not be stored. Raw text is hostile: rendered as text, never markup. */
export function QuarantineTable({ importId, fileName }: { importId: number; fileName: string }) {
  const [offset, setOffset] = useState(0);
  const { data: page, error } = queryState(
    useVigilQuery('quarantinePage', { importId, offset, limit: PAGE }),
  );

  return (
    <section className="panel" aria-labelledby="quarantine-title" data-testid="quarantine">
      <h2 id="quarantine-title">
        Quarantine of {fileName}{' '}
        {page && (
          <span className="muted">
            ({formatCount(page.total)} {page.total === 1 ? 'row' : 'rows'})
          </span>
        )}
      </h2>
      <ErrorNote message={error} />
      {page && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Reason</th>
                <th scope="col">Raw text</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((row) => (
                <tr key={row.id}>
                  <td className="num">{row.line}</td>
                  <td>{row.reason}</td>
                  <td>
                    <code className="raw" data-testid="quarantine-raw">
                      {row.raw}
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && <Pager offset={offset} limit={PAGE} total={page.total} onOffset={setOffset} />}
    </section>
  );
}
