// A ranked list of values with their share drawn as a bar; clicking a value adds its filter term.
// Plain HTML rather than a chart: long paths and user agents stay readable, selectable and
// reachable by keyboard, and each row says its count.
import type { ReactNode } from 'react';
import type { FilterClause } from '../../../src-shared/filter/index.js';
import { formatCount } from '../../format.js';
import { addFilterTerm } from '../../state/filter.js';

export interface TopRow {
  key: string;
  label: string;
  sessions: number;
  /** The term a click adds; without it the row is not clickable. */
  clause?: FilterClause;
  /** Shown after the label (a class chip). */
  extra?: ReactNode;
}

export function TopList({ rows, testId, empty }: { rows: TopRow[]; testId: string; empty: string }) {
  if (rows.length === 0) return <p className="muted top-empty">{empty}</p>;
  const most = Math.max(...rows.map((r) => r.sessions), 1);
  return (
    <ol className="top-list" data-testid={testId}>
      {rows.map((row) => {
        const clause = row.clause;
        const label = (
          <>
            <span className="top-label" title={row.label}>
              {row.label}
            </span>
            {row.extra}
            <span className="top-count">{formatCount(row.sessions)}</span>
            <span className="top-bar" style={{ width: `${(100 * row.sessions) / most}%` }} />
          </>
        );
        return (
          <li key={row.key}>
            {clause ? (
              <button
                type="button"
                className="top-row"
                title={`Filter: ${row.label}`}
                onClick={() => addFilterTerm(clause)}
              >
                {label}
              </button>
            ) : (
              <div className="top-row">{label}</div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
