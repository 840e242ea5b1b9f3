import type { Migration } from './index.js';

/**
 * The highest score of each IP (as source or destination) over a run's scored sessions, stored
 * when a scoring pass completes. The graph colours its nodes with it: computed on each ask it read
 * every scored session, about 1.6 s per million. Runs scored before this migration have no rows
 * here, and their colours are computed as before.
 */
export const ipScores: Migration = {
  name: 'models: highest score per IP of each scored run',
  sql: `
CREATE TABLE ip_scores (
  run_id INTEGER NOT NULL REFERENCES model_runs (id) ON DELETE CASCADE,
  ip TEXT NOT NULL,
  score REAL NOT NULL,
  PRIMARY KEY (run_id, ip)
) WITHOUT ROWID;
`,
};
