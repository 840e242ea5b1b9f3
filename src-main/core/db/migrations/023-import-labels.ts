import type { Migration } from './index.js';

/**
 * The labels file whose labels an import's records got (`vigil ingest --labels`, a log dropped with
 * its LOG.labels.csv): a model judged on those labels can say where they came from.
 */
export const importLabelsFile: Migration = {
  name: 'imports: the labels file read beside the log',
  sql: 'ALTER TABLE imports ADD COLUMN labels_file TEXT;',
};
