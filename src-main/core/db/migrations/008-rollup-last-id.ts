import type { Migration } from './index.js';

export const rollupLastId: Migration = {
  name: 'imports: the last session whose rollup share is applied',
  sql: `
-- The writer applies rollup cells once per window of batches, so the sessions an unfinished import
-- stored after the last window are not in the rollups yet: rollback subtracts only up to this id.
-- NULL (a row from before this migration, whose writer applied every batch) means the whole range.
ALTER TABLE imports ADD COLUMN rollup_last_id INTEGER;
`,
};
