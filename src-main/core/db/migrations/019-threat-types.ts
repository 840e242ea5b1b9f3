import type { Migration } from './index.js';

/**
 * Threat-type models (issue "Say which attack, not only whether"): what a run learned to answer
 * (checked by the code, as kind and status are since migration 12), the kind a threat-type run
 * predicts for each flag with its probability, and the kind an analyst's malicious verdict names.
 * Earlier runs answered malicious or not; earlier scores and verdicts name no kind.
 */
export const threatTypes: Migration = {
  name: 'threat types: run target, predicted kind per flag, kind of a verdict',
  sql: `
ALTER TABLE model_runs ADD COLUMN target TEXT NOT NULL DEFAULT 'malicious';
ALTER TABLE scores ADD COLUMN predicted_kind TEXT;
ALTER TABLE scores ADD COLUMN kind_probability REAL;
ALTER TABLE verdicts ADD COLUMN kind TEXT;
-- Triage groups and filters a run's flags by kind, the Overview counts them: only flags have one.
CREATE INDEX scores_run_kind ON scores (run_id, predicted_kind) WHERE predicted_kind IS NOT NULL;
`,
};
