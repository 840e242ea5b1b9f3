// The rollup tables that ingest keeps current, each with its columns and what adding a row to an
// existing cell means. The ingest writer's upserts and the merge of an import's staged share
// (db/staged-rollups.ts) are both written from here, so the two can never add differently.

import type { Statement } from 'better-sqlite3';
import { must } from '../../../src-shared/must.js';
import type { Db } from './open.js';

export interface RollupTable {
  name:
    | 'rollup_time'
    | 'rollup_pairs'
    | 'rollup_sources'
    | 'rollup_hist'
    | 'rollup_ports'
    | 'rollup_values'
    | 'rollup_web_time'
    | 'rollup_web_values';
  columns: readonly string[];
  /** `ON CONFLICT …` clause adding an incoming row (`excluded`) to the stored cell. */
  addTo: string;
}

const SUM_SESSIONS = 'sessions = sessions + excluded.sessions';
const SUM_BYTES = 'bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out';
// A source's country is the first one seen: it is not in the SET list.
const SPAN = 'first_ts = min(first_ts, excluded.first_ts), last_ts = max(last_ts, excluded.last_ts)';

export const ROLLUP_TABLES: readonly RollupTable[] = [
  {
    name: 'rollup_time',
    columns: ['granularity', 'bucket', 'country', 'detection_type', 'sessions', 'bytes_in', 'bytes_out'],
    addTo: `ON CONFLICT DO UPDATE SET ${SUM_SESSIONS}, ${SUM_BYTES}`,
  },
  {
    name: 'rollup_pairs',
    columns: ['src_ip', 'dst_ip', 'sessions', 'bytes_in', 'bytes_out', 'first_ts', 'last_ts'],
    addTo: `ON CONFLICT DO UPDATE SET ${SUM_SESSIONS}, ${SUM_BYTES}, ${SPAN}`,
  },
  {
    name: 'rollup_sources',
    columns: ['src_ip', 'country', 'sessions', 'bytes_in', 'bytes_out', 'first_ts', 'last_ts'],
    addTo: `ON CONFLICT DO UPDATE SET ${SUM_SESSIONS}, ${SUM_BYTES}, ${SPAN}`,
  },
  {
    name: 'rollup_hist',
    columns: ['granularity', 'bucket', 'country', 'detection_type', 'metric', 'bin', 'sessions'],
    addTo: `ON CONFLICT DO UPDATE SET ${SUM_SESSIONS}`,
  },
  {
    name: 'rollup_ports',
    columns: [
      'granularity',
      'bucket',
      'country',
      'detection_type',
      'protocol',
      'dst_port',
      'sessions',
      'bytes_in',
      'bytes_out',
    ],
    addTo: `ON CONFLICT DO UPDATE SET ${SUM_SESSIONS}, ${SUM_BYTES}`,
  },
  {
    name: 'rollup_values',
    columns: ['field', 'value', 'sessions'],
    addTo: `ON CONFLICT DO UPDATE SET ${SUM_SESSIONS}`,
  },
  // The web-request panels (migration 021, db/web-rollups.ts).
  {
    name: 'rollup_web_time',
    columns: ['granularity', 'bucket', 'status_class', 'sessions', 'first_ts', 'last_ts'],
    addTo: `ON CONFLICT DO UPDATE SET ${SUM_SESSIONS}, ${SPAN}`,
  },
  {
    name: 'rollup_web_values',
    columns: ['field', 'value_id', 'sessions'],
    addTo: `ON CONFLICT DO UPDATE SET ${SUM_SESSIONS}`,
  },
];

/** Where an upsert writes: the rollup table itself, or the writer's staged copy of it. */
export type RollupTarget = (table: RollupTable) => string;
export const REAL_ROLLUPS: RollupTarget = (table) => table.name;

/** The prepared upsert of one row into `name` (or where `target` sends it), columns in table order. */
export function prepareUpsert(db: Db, name: RollupTable['name'], target: RollupTarget): Statement {
  const table = must(
    ROLLUP_TABLES.find((t) => t.name === name),
    `rollup table ${name}`,
  );
  const values = table.columns.map(() => '?').join(', ');
  return db.prepare(
    `INSERT INTO ${target(table)} (${table.columns.join(', ')}) VALUES (${values}) ${table.addTo}`,
  );
}
