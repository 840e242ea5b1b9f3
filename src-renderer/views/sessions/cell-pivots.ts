// What a Sessions cell can pivot on: the filter term of its column and the stored value (not the
// shown text: "1,200" filters as 1200), and whether it holds an IP the graph can open.
import type { Session } from '../../../src-shared/domain.js';
import { TERM_FIELDS } from '../../../src-shared/fields/index.js';
import { type FilterField, valueClause } from '../../../src-shared/filter/index.js';
import { addFilterTerm } from '../../state/filter.js';
import type { Column } from './columns.js';

export interface CellPivot {
  /** The term that filters for the value; null when the column is no term or the cell is empty. */
  term: { field: FilterField; value: string | number } | null;
  /** The IP the cell holds, for "Open IP in graph". */
  ip: string | null;
}

const TERM_OF_COLUMN = new Map<string, FilterField>(
  TERM_FIELDS.map((field) => [field.name, field.filter.term]),
);

/** The term and stored value a session field pivots on; null when it is no term or holds nothing. */
export function fieldTerm(name: string, session: Session): CellPivot['term'] {
  const field = TERM_OF_COLUMN.get(name);
  const raw = (session as unknown as Record<string, unknown>)[name];
  const value = typeof raw === 'string' || typeof raw === 'number' ? raw : null;
  return field !== undefined && value !== null && value !== '' ? { field, value } : null;
}

export function cellPivot(column: Pick<Column, 'id' | 'term'>, session: Session): CellPivot {
  // A mark's column (flagged, verdict) says its own term; the others pivot on a field's value.
  if (column.term) return { term: column.term(session), ip: null };
  const term = fieldTerm(column.id, session);
  const isIp = column.id === 'srcIp' || column.id === 'dstIp';
  return { term, ip: isIp && typeof term?.value === 'string' ? term.value : null };
}

/** Filter for (or, `negate`, out) a pivot's value: the whole value (valueClause), in the filter in force. */
export function applyPivot(term: NonNullable<CellPivot['term']>, negate: boolean): void {
  addFilterTerm(valueClause(term.field, term.value, negate));
}
