// ClickHouse sources: hunt in a remote table of web or flow logs. The engine computes aggregates
// over the whole table (remote-overview.ts) and the analyst pulls the slice under investigation
// into the workspace (pull.ts), with the same filter language compiled to its SQL (filter-sql.ts).
export { checkSource } from './check.js';
export { SourceConnection, type SourceConnectionOptions, withSource } from './client.js';
export { DEFAULT_PASSWORD_ENV } from './credentials.js';
export { refuseWorkspaceOnlyTerms, whereSql } from './filter-sql.js';
export { buildMapping, PRESET_MAPPINGS } from './mapping.js';
export { pullSource, type SourcePullRequest, type SourcePullTarget, type SourceWatermarks } from './pull.js';
export { remoteGraphEdges } from './remote-graph.js';
export { remoteOverview } from './remote-overview.js';
export { remoteSessionPage } from './remote-sessions.js';
