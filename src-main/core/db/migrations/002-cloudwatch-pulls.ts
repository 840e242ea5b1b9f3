import type { Migration } from './index.js';

export const cloudwatchPulls: Migration = {
  name: 'cloudwatch pulls: where each log group pull got to',
  sql: `
-- One row per place Vigil pulls from and per selection within it. A filter pattern, a stream list
-- or an Insights query selects a subset, so each keeps its own "last event" and resume point:
-- a filtered pull must not make an unfiltered "new since last time" skip events.
CREATE TABLE cloudwatch_pulls (
  region TEXT NOT NULL,
  -- '' for AWS's own endpoint of the region.
  endpoint TEXT NOT NULL,
  log_group TEXT NOT NULL,
  -- '' for every event of the group; else the filter pattern, streams or query that selected them.
  selector TEXT NOT NULL,
  -- Newest CloudWatch event timestamp (epoch ms) whose import committed.
  last_event_ts INTEGER,
  -- The pull that was interrupted: its request (JSON) and the nextToken after its last committed
  -- page (NULL: restart that request from its start). NULL spec: nothing to resume.
  pending_spec TEXT,
  pending_token TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (region, endpoint, log_group, selector)
) WITHOUT ROWID;
`,
};
