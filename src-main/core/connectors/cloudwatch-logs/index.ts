// The CloudWatch Logs connector: the only part of Vigil that makes network requests.
export type { SpoolImport } from './chunker.js';
export type { Credentials } from './credentials.js';
export { CloudWatchError } from './errors.js';
export type { PollOptions } from './insights.js';
export { listLogGroups, listLogGroupsWith, type PulledOf } from './list-log-groups.js';
export { type PullPositions, positionsIn } from './positions.js';
export { type PullOptions, type PullRequest, type PullTarget, pullInto, pullKeyOf, runPull } from './pull.js';
export type { RetryOptions } from './retry.js';
export { spoolDirOf } from './spool.js';
export type { PullProgress, PullSummary } from './tally.js';
