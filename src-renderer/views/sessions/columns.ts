// Every Session field the table can show, as plain text (so a cell copies exactly what it shows).
// Which fields, their labels, widths, order and formats come from the field table (src-shared/fields).
import type { Session } from '../../../src-shared/domain.js';
import { SESSION_SORT_FIELDS } from '../../../src-shared/domain.js';
import { type FieldFormat, type SessionField, VIEW_FIELDS } from '../../../src-shared/fields/index.js';
import type { FilterField } from '../../../src-shared/filter/index.js';
import { levelText, type RuleLevel } from '../../../src-shared/rules.js';
import { formatCount, formatTimestamp } from '../../format.js';
import { MARK_COLUMNS } from './mark-columns.js';

export type SortField = (typeof SESSION_SORT_FIELDS)[number];

export interface Column {
  id: string;
  label: string;
  /** Grid track width in px (the least it takes; see `fit`). */
  width: number;
  /**
   * Widens to the longest value on screen instead of cutting it short (the addresses: an IPv6
   * address is up to 39 characters, which no fixed width suited to IPv4 shows whole).
   */
  fit?: boolean;
  numeric?: boolean;
  /** Set when the server can sort by this column (at any size: SORT_ALWAYS; else see canSort). */
  sort?: SortField;
  /** The header's tooltip: what the column's values come from ("Flagged by rf #12 + rules ≥ high"). */
  title?: string;
  text: (session: Session) => string;
  /** Marks a cell in the app's colour for flagged (red means flagged everywhere). */
  flags?: (session: Session) => boolean;
  /**
   * The filter term for a cell of a column that is not a session field (cell-pivots.ts); a field's
   * column pivots on its own term and stored value.
   */
  term?: (session: Session) => { field: FilterField; value: string | number } | null;
}

/**
 * Sorts the table offers at any size: each is served by an index (sessions_key leads with start_ts,
 * sessions_src / sessions_dst with the address), so a page is an index walk, not a sort of every
 * matching row. The other sort fields need a full scan + top-N sort (about 0.5 s at 1 M sessions),
 * so they are offered only once the filter narrows the match (SORT_ANY_LIMIT).
 */
export const SORT_ALWAYS: readonly SortField[] = ['startTs', 'srcIp', 'dstIp'];
/** At or below this many matching sessions a scan-and-sort stays well under 100 ms (measured). */
export const SORT_ANY_LIMIT = 100_000;

type Value = string | number | null;
const orDash = (value: Value) => (value === null || value === '' ? '–' : String(value));

const FORMATS: Record<FieldFormat, (value: Value) => string> = {
  plain: orDash,
  count: (value) => formatCount(value as number | null),
  time: (value) => formatTimestamp(value as number | null),
  fixed3: (value) => (value === null ? '–' : (value as number).toFixed(3)),
};

/** A field's value as the table and the drawer show it; a field that is never missing shows as it is. */
export function fieldText(field: SessionField): (session: Session) => string {
  const format: FieldFormat = 'format' in field ? field.format : field.type === 'time' ? 'time' : 'plain';
  const show = format === 'plain' && !field.nullable ? String : FORMATS[format];
  return (session) => show(session[field.name]);
}

const sortable = (id: string): SortField | undefined =>
  (SESSION_SORT_FIELDS as readonly string[]).includes(id) ? (id as SortField) : undefined;

/** The table's columns: the fields with a width, in the table's order. */
export const COLUMNS: Column[] = VIEW_FIELDS.flatMap((field) =>
  'width' in field.view
    ? [
        {
          id: field.name,
          label: field.label,
          width: field.view.width,
          ...(field.type === 'integer' || field.type === 'number' ? { numeric: true } : {}),
          ...('filter' in field && field.filter.kind === 'ip' ? { fit: true } : {}),
          text: fieldText(field),
          sort: sortable(field.name),
        },
      ]
    : [],
);

/**
 * Every column the chooser offers, in table order: the fields' columns and the marks' (score,
 * flagged, verdict, tags, IOC match; mark-columns.ts), placed by their view order.
 */
export const COLUMN_CHOICES: readonly { id: string; label: string; shown: boolean }[] = [
  ...VIEW_FIELDS.flatMap((field) =>
    'width' in field.view
      ? [
          {
            id: field.name as string,
            label: field.label as string,
            order: field.view.order,
            shown: 'shown' in field.view && field.view.shown === true,
          },
        ]
      : [],
  ),
  ...MARK_COLUMNS,
]
  .sort((a, b) => a.order - b.order)
  .map(({ id, label, shown }) => ({ id, label, shown }));

export const DEFAULT_VISIBLE = COLUMN_CHOICES.flatMap((column) => (column.shown ? [column.id] : []));

/**
 * The default set for web requests: the request's columns in place of the flow's (destination,
 * port, protocol, bytes in), which access logs mostly leave empty.
 */
const WEB_DEFAULT: readonly string[] = [
  'startTs',
  'srcIp',
  'flagged',
  'score',
  'verdict',
  'country',
  'method',
  'host',
  'path',
  'responseCode',
  'userAgent',
  'bytesOut',
];
export const DEFAULT_WEB_VISIBLE = COLUMN_CHOICES.flatMap((column) =>
  WEB_DEFAULT.includes(column.id) ? [column.id] : [],
);

/**
 * Rule hits of a web request: how many rules matched and the most severe level ("2 · high"). Not a
 * field of the session: the rows' counts come with each loaded page (useSessionBlocks).
 */
export function ruleHitsColumn(
  hitsOf: (sessionId: number) => { hits: number; level: RuleLevel | null } | undefined,
): Column {
  return {
    id: 'ruleHits',
    label: 'Rule hits',
    width: 110,
    sort: 'ruleHits',
    text: (session) => {
      const found = hitsOf(session.id);
      return found ? `${found.hits} · ${levelText(found.level)}` : '–';
    },
  };
}

/**
 * Room a cell takes beside its text: 9 px of padding on the left, and on the right the padding with
 * the ⋯ button that shows over the cell's end on hover.
 */
export const CELL_CHROME_PX = 36;

/**
 * The widths the `fit` columns must grow to so that each shows its widest text whole, given the
 * text widths measured on screen (px) and the widths already grown to; null when none must grow.
 * Columns only grow while a query is on screen, so scrolling never makes the table jump back.
 */
export function fittedWidths(
  columns: readonly Column[],
  textWidths: (columnId: string) => readonly number[],
  grown: Readonly<Record<string, number>>,
): Record<string, number> | null {
  let next: Record<string, number> | null = null;
  for (const column of columns) {
    if (!column.fit) continue;
    const want = Math.ceil(Math.max(0, ...textWidths(column.id))) + CELL_CHROME_PX;
    if (want > Math.max(column.width, grown[column.id] ?? 0)) {
      next ??= { ...grown };
      next[column.id] = want;
    }
  }
  return next;
}

/** The grid's track list: each column at its width, or wider where a `fit` column has grown. */
export const gridTemplate = (columns: readonly Column[], grown: Readonly<Record<string, number>>): string =>
  columns.map((column) => `${Math.max(column.width, grown[column.id] ?? 0)}px`).join(' ');

/** Whether the server can sort by this column quickly for `total` matching sessions. */
export function canSort(column: Column, total: number): boolean {
  if (!column.sort) return false;
  return SORT_ALWAYS.includes(column.sort) || total <= SORT_ANY_LIMIT;
}
