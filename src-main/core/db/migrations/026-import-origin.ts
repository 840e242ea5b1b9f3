import type { Migration } from './index.js';

/**
 * Where a pulled import's records came from (a ClickHouse source's URL, table, filter and range; a
 * CloudWatch log group, region and range), kept after the source is removed or renamed to point
 * elsewhere. NULL for a file import: its path says where it came from.
 */
export const importOrigin: Migration = {
  name: 'imports: where pulled records came from',
  sql: 'ALTER TABLE imports ADD COLUMN origin TEXT;',
};
