// One column header: a sort button when the server can sort by it quickly, else the plain label.
import { type Column, SORT_ANY_LIMIT, type SortField } from './columns.js';

export interface SortState {
  field: SortField;
  direction: 'asc' | 'desc';
}

interface SortHeaderProps {
  column: Column;
  sort: SortState;
  sortable: boolean;
  onSort: (column: Column) => void;
}

export function SortHeader({ column, sort, sortable, onSort }: SortHeaderProps) {
  const active = column.sort !== undefined && column.sort === sort.field;
  const className = column.numeric ? 'vcell num' : 'vcell';
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
  if (!sortable)
    return (
      <th
        scope="col"
        className={className}
        title={
          column.sort
            ? `Sorting by ${column.label} needs a narrower filter (at most ${SORT_ANY_LIMIT.toLocaleString('en-US')} sessions)`
            : undefined
        }
      >
        {column.label}
      </th>
    );
  return (
    <th scope="col" className={className} aria-sort={ariaSort}>
      <button type="button" className="sort" onClick={() => onSort(column)} data-testid={`sort-${column.id}`}>
        {column.label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}
