import type { Session } from '../../../src-shared/domain.js';
import { COLUMNS, type SortField } from './columns.js';

export interface SortState {
  field: SortField;
  direction: 'asc' | 'desc';
}

interface SessionsTableProps {
  sessions: Session[];
  sort: SortState;
  onSort: (field: SortField) => void;
}

export function SessionsTable({ sessions, sort, onSort }: SessionsTableProps) {
  return (
    <div className="table-wrap tall">
      <table data-testid="sessions-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = column.sort !== undefined && column.sort === sort.field;
              return (
                <th
                  key={column.id}
                  scope="col"
                  className={column.numeric ? 'num' : undefined}
                  aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {column.sort ? (
                    <button
                      type="button"
                      className="sort"
                      onClick={() => onSort(column.sort!)}
                      data-testid={`sort-${column.id}`}
                    >
                      {column.label}
                      <span className="sort-mark" aria-hidden="true">
                        {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              {COLUMNS.map((column) => (
                <td key={column.id} className={column.numeric ? 'num' : undefined}>
                  {column.cell(session)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
