import type { ReactNode } from 'react';
import type { Session } from '../../../src-shared/domain.js';
import { SESSION_SORT_FIELDS } from '../../../src-shared/domain.js';
import { formatCount, formatTimestamp } from '../../format.js';

export type SortField = (typeof SESSION_SORT_FIELDS)[number];

export interface Column {
  id: string;
  label: string;
  numeric?: boolean;
  /** Set when the server can sort by this column. */
  sort?: SortField;
  cell: (session: Session) => ReactNode;
}

const sortable = (field: string): SortField | undefined =>
  (SESSION_SORT_FIELDS as readonly string[]).includes(field) ? (field as SortField) : undefined;

const text = (value: string | null) => value ?? '–';
/** Long free text (rule names) is clipped to keep rows one line; the full value is in the tooltip. */
const clipped = (value: string | null) => (
  <span className="clip" title={value ?? undefined}>
    {text(value)}
  </span>
);

const COLUMN_LIST: Omit<Column, 'sort'>[] = [
  { id: 'startTs', label: 'Start (UTC)', cell: (s) => formatTimestamp(s.startTs) },
  { id: 'srcIp', label: 'Source IP', cell: (s) => s.srcIp },
  { id: 'country', label: 'Country', cell: (s) => text(s.country) },
  { id: 'dstIp', label: 'Destination IP', cell: (s) => text(s.dstIp) },
  { id: 'dstPort', label: 'Port', numeric: true, cell: (s) => s.dstPort ?? '–' },
  { id: 'protocol', label: 'Protocol', cell: (s) => text(s.protocol) },
  { id: 'bytesIn', label: 'Bytes in', numeric: true, cell: (s) => formatCount(s.bytesIn) },
  { id: 'bytesOut', label: 'Bytes out', numeric: true, cell: (s) => formatCount(s.bytesOut) },
  { id: 'responseCode', label: 'Response', numeric: true, cell: (s) => s.responseCode ?? '–' },
  { id: 'detectionType', label: 'Detection', cell: (s) => clipped(s.detectionType) },
  { id: 'ruleName', label: 'Rule', cell: (s) => clipped(s.ruleName) },
];

export const COLUMNS: Column[] = COLUMN_LIST.map((column) => ({ ...column, sort: sortable(column.id) }));
