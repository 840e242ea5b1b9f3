// Every Session field the table can show, as plain text (so a cell copies exactly what it shows).
import type { Session } from '../../../src-shared/domain.js';
import { SESSION_SORT_FIELDS } from '../../../src-shared/domain.js';
import { formatCount, formatTimestamp } from '../../format.js';

export type SortField = (typeof SESSION_SORT_FIELDS)[number];

export interface Column {
  id: string;
  label: string;
  /** Grid track width in px. */
  width: number;
  numeric?: boolean;
  /** Set when the server sorts by this column with an index (see SORT_ALWAYS). */
  sort?: SortField;
  text: (session: Session) => string;
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

const orDash = (value: string | number | null) => (value === null || value === '' ? '–' : String(value));
const number = (value: number | null) => (value === null ? '–' : formatCount(value));

const COLUMN_LIST: Omit<Column, 'sort'>[] = [
  { id: 'startTs', label: 'Start (UTC)', width: 160, text: (s) => formatTimestamp(s.startTs) },
  { id: 'endTs', label: 'End (UTC)', width: 160, text: (s) => formatTimestamp(s.endTs) },
  { id: 'srcIp', label: 'Source IP', width: 150, text: (s) => s.srcIp },
  { id: 'srcPort', label: 'Src port', width: 80, numeric: true, text: (s) => orDash(s.srcPort) },
  { id: 'country', label: 'Country', width: 72, text: (s) => orDash(s.country) },
  { id: 'asn', label: 'ASN', width: 80, numeric: true, text: (s) => orDash(s.asn) },
  { id: 'dstIp', label: 'Destination IP', width: 150, text: (s) => orDash(s.dstIp) },
  { id: 'dstPort', label: 'Port', width: 64, numeric: true, text: (s) => orDash(s.dstPort) },
  { id: 'protocol', label: 'Protocol', width: 80, text: (s) => orDash(s.protocol) },
  { id: 'bytesIn', label: 'Bytes in', width: 100, numeric: true, text: (s) => number(s.bytesIn) },
  { id: 'bytesOut', label: 'Bytes out', width: 100, numeric: true, text: (s) => number(s.bytesOut) },
  { id: 'packets', label: 'Packets', width: 80, numeric: true, text: (s) => number(s.packets) },
  { id: 'durationMs', label: 'Duration ms', width: 100, numeric: true, text: (s) => number(s.durationMs) },
  { id: 'responseCode', label: 'Response', width: 96, numeric: true, text: (s) => orDash(s.responseCode) },
  { id: 'action', label: 'Action', width: 80, text: (s) => orDash(s.action) },
  { id: 'detectionType', label: 'Detection', width: 140, text: (s) => orDash(s.detectionType) },
  { id: 'ruleName', label: 'Rule', width: 200, text: (s) => orDash(s.ruleName) },
  { id: 'label', label: 'Label', width: 90, text: (s) => orDash(s.label) },
  { id: 'importId', label: 'Import', width: 64, numeric: true, text: (s) => String(s.importId) },
  { id: 'rawLine', label: 'Line', width: 72, numeric: true, text: (s) => String(s.rawLine) },
  { id: 'id', label: 'Id', width: 80, numeric: true, text: (s) => String(s.id) },
];

const sortable = (id: string): SortField | undefined =>
  (SESSION_SORT_FIELDS as readonly string[]).includes(id) ? (id as SortField) : undefined;

export const COLUMNS: Column[] = COLUMN_LIST.map((column) => ({ ...column, sort: sortable(column.id) }));

export const DEFAULT_VISIBLE = [
  'startTs',
  'srcIp',
  'country',
  'dstIp',
  'dstPort',
  'protocol',
  'bytesIn',
  'bytesOut',
  'responseCode',
  'detectionType',
  'ruleName',
];

/** Whether the server can sort by this column quickly for `total` matching sessions. */
export function canSort(column: Column, total: number): boolean {
  if (!column.sort) return false;
  return SORT_ALWAYS.includes(column.sort) || total <= SORT_ANY_LIMIT;
}
