// One column header: a sort button when the server can sort by it quickly; a sort that is not
// offered at this size explains itself when clicked; a column without a sort is its plain label.
import type { Column, SortField } from './columns.js';

export interface SortState {
  field: SortField;
  direction: 'asc' | 'desc';
}

interface SortHeaderProps {
  column: Column;
  sort: SortState;
  sortable: boolean;
  onSort: (column: Column) => void;
  /** A click on a column whose sort is not offered at this size. */
  onRefused: (column: Column) => void;
}

export function SortHeader({ column, sort, sortable, onSort, onRefused }: SortHeaderProps) {
  const active = column.sort !== undefined && column.sort === sort.field;
  const className = column.numeric ? 'vcell num' : 'vcell';
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
  // A sort this many sessions would make slow is still a button: clicked, the view says why it is
  // not offered (a tooltip alone goes unseen).
  if (!sortable)
    return (
      <th scope="col" className={className} title={column.title}>
        {column.sort ? (
          <button
            type="button"
            className="sort sort-refused"
            aria-disabled="true"
            onClick={() => onRefused(column)}
            data-testid={`sort-refused-${column.id}`}
          >
            {column.label}
          </button>
        ) : (
          column.label
        )}
      </th>
    );
  return (
    <th scope="col" className={className} aria-sort={ariaSort} title={column.title}>
      <button type="button" className="sort" onClick={() => onSort(column)} data-testid={`sort-${column.id}`}>
        {column.label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}
