import type { Migration } from './index.js';

/**
 * The same bytes ratio, written without a function call. SQLite assumes any function may raise an
 * error, and a generated column is computed on every INSERT: with `max()` in it, each multi-row
 * INSERT into sessions kept a statement journal so that it could undo itself half-way, which
 * spilled 64 KiB pages to a temp file (about 5 GB of writes and a quarter of the insert time per
 * million rows). CASE and coalesce are compiled inline and cannot fail. A VIRTUAL column is not
 * stored, so dropping and re-adding it is instant at any size; it now comes last in the table,
 * and no query selects columns by position.
 */
export const bytesRatioInline: Migration = {
  name: 'sessions: bytes_ratio without a function call',
  sql: `
ALTER TABLE sessions DROP COLUMN bytes_ratio;
ALTER TABLE sessions ADD COLUMN bytes_ratio REAL
  GENERATED ALWAYS AS (CAST(bytes_out AS REAL) / CASE WHEN bytes_in > 1 THEN bytes_in ELSE 1 END) VIRTUAL;
`,
};
