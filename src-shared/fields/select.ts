// Lists of the session's fields that more than one layer reads, in the order each one uses.
import {
  type ClassTermField,
  type LogField,
  SESSION_FIELDS,
  type SessionField,
  type SortableFieldName,
  type TermField,
} from './session-fields.js';

/** The fields an importer fills, in table order. */
export const LOG_FIELDS: readonly LogField[] = SESSION_FIELDS.filter(
  (field): field is LogField => field.origin === 'log',
);

/** The fields that are filter terms, in table order. */
export const TERM_FIELDS: readonly TermField[] = SESSION_FIELDS.filter(
  (field): field is TermField => 'filter' in field,
);

/** The fields whose dictionary classes its values (each with its own filter term), in table order. */
export const CLASS_TERM_FIELDS: readonly ClassTermField[] = SESSION_FIELDS.filter(
  (field): field is ClassTermField => 'valueClass' in field,
);

/** The names the Sessions page can be sorted by, in table order (a zod enum's values). */
export function sortableFieldNames(): [SortableFieldName, ...SortableFieldName[]] {
  return SESSION_FIELDS.flatMap((field) => ('sortable' in field && field.sortable ? [field.name] : [])) as [
    SortableFieldName,
    ...SortableFieldName[],
  ];
}

/** Every field in the order the Sessions table and the drawer show them. */
export const VIEW_FIELDS: readonly SessionField[] = [...SESSION_FIELDS].sort(
  (a, b) => a.view.order - b.view.order,
);
