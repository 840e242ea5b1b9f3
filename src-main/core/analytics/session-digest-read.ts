// Reads the Overview digest of a filter (session-digest.ts) and keeps the last one per connection
// until the data changes, so the charts of one filter share one pass over its sessions.
import type { SessionFilter } from '../../../src-shared/domain.js';
import { type FlaggingSet, flaggedSessionIds, flaggingSet } from '../db/analytics-flagged.js';
import { sessionDigestQuery } from '../db/analytics-source.js';
import { dataChangeMark } from '../db/change-mark.js';
import { jsAggregate } from '../db/js-aggregate.js';
import type { Db } from '../db/open.js';
import { SessionDigest } from './session-digest.js';

// 0.75 s at 889 k matching sessions of 1 M, against 1.8 s reading the same columns as rows and
// 3.5 s for the six GROUP BY and DISTINCT queries it replaces.
const DIGEST = 'vigil_session_digest';
const digests = jsAggregate(DIGEST, () => new SessionDigest(), SessionDigest.add);
const kept = new WeakMap<Db, { key: string; digest: SessionDigest }>();

/**
 * The digest of the sessions `filter` selects, flags of the detection set included: the one kept,
 * unless the data or the detection set changed since.
 */
export function sessionDigest(db: Db, filter: SessionFilter): SessionDigest {
  const runs = flaggingSet(db);
  const key = JSON.stringify([filter, runs.key, ...dataChangeMark(db)]);
  const last = kept.get(db);
  if (last?.key === key) return last.digest;
  const query = sessionDigestQuery(DIGEST, filter);
  const digest = digests.read(db, query.sql, query.params, new SessionDigest(flaggedLookup(db, runs))).seal();
  kept.set(db, { key, digest });
  return digest;
}

/** 1 at the id of each flagged session (a byte per id up to the highest flagged). */
function flaggedLookup(db: Db, runs: FlaggingSet): Uint8Array {
  if (!runs.flags) return new Uint8Array(0);
  const ids = flaggedSessionIds(db);
  let max = 0;
  for (const id of ids) if (id > max) max = id;
  const lookup = new Uint8Array(max + 1);
  for (const id of ids) lookup[id] = 1;
  return lookup;
}
