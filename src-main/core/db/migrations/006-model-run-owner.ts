import type { Migration } from './index.js';

export const modelRunOwner: Migration = {
  name: 'model runs: the process that trains each one',
  sql: `
-- A run still 'training' whose process is gone was cut off by a crash or a kill: recovery marks it
-- failed. The owner is what tells it apart from a run another live process (a CLI) is training.
ALTER TABLE model_runs ADD COLUMN owner_pid INTEGER;
`,
};
