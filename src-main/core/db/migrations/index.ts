import type Database from 'better-sqlite3';
import { initialSchema } from './001-initial.js';
import { cloudwatchPulls } from './002-cloudwatch-pulls.js';
import { models } from './003-models.js';
import { analyticsRollups } from './004-analytics-rollups.js';
import { triage } from './005-triage.js';
import { modelRunOwner } from './006-model-run-owner.js';
import { caseTags } from './007-case-tags.js';
import { rollupLastId } from './008-rollup-last-id.js';
import { naturalKeyDigests } from './009-natural-key-digests.js';
import { bytesRatioInline } from './010-bytes-ratio-inline.js';
import { ipScores } from './011-ip-scores.js';
import { runStates } from './012-run-states.js';
import { legacyEventSessions } from './013-legacy-event-sessions.js';
import { auditChain } from './014-audit-chain.js';
import { webRequests } from './016-web-requests.js';
import { ruleHits } from './017-rule-hits.js';
import { sourceIpScores } from './018-source-ip-scores.js';
import { threatTypes } from './019-threat-types.js';
import { sources } from './020-sources.js';
import { webRollups } from './021-web-rollups.js';
import { userAgentClassColumn } from './022-user-agent-class.js';
import { importLabelsFile } from './023-import-labels.js';
import { auditChangeOwner } from './024-audit-change-owner.js';
import { userAgentClassAgain } from './025-user-agent-class-again.js';
import { importOrigin } from './026-import-origin.js';
import { addressSortKeys } from './027-address-sort-keys.js';
import { ruleNoLevel } from './028-rule-no-level.js';

export interface Migration {
  name: string;
  sql: string;
  /** Work SQL cannot express, run after `sql` in the same transaction. */
  run?: (db: Database.Database) => void;
  /** What to tell the user before it runs on an existing database (a data migration that takes time). */
  notice?: string;
  /** Whether this database has enough of that work to be worth the notice (default: it has). */
  noticeWhen?: (db: Database.Database) => boolean;
  /** The migration drops and recreates tables that others reference: foreign keys are off meanwhile. */
  rebuildsTables?: boolean;
}

/** Numbered in order: migration N brings user_version from N-1 to N. Never edit a shipped one. */
export const migrations: Migration[] = [
  initialSchema,
  cloudwatchPulls,
  models,
  analyticsRollups,
  triage,
  modelRunOwner,
  caseTags,
  rollupLastId,
  naturalKeyDigests,
  bytesRatioInline,
  ipScores,
  runStates,
  legacyEventSessions,
  auditChain,
  // 015 was reserved while several changes were written in parallel and was never needed. The
  // empty step keeps every later number where existing databases already count it.
  { name: 'no change (015 unused)', sql: '' },
  webRequests,
  ruleHits,
  sourceIpScores,
  threatTypes,
  sources,
  webRollups,
  userAgentClassColumn,
  importLabelsFile,
  auditChangeOwner,
  userAgentClassAgain,
  importOrigin,
  addressSortKeys,
  ruleNoLevel,
];
