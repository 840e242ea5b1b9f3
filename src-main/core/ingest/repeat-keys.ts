// The writer's half of counting repeats: the parser gives each row its occurrence number among
// identical rows of the import (occurrences.ts), exact within a window of recent keys. A row whose
// count may be too low (its key may have left that window) is settled here, before its batch is
// inserted, against what this import already stored: while its key is held by a session of this
// same import, it is a later occurrence, so it takes the next number. A key held by an earlier
// import makes it a duplicate of that session, as for any row.
//
// What stays inexact: identical rows farther apart than the window in a file not in time order,
// whose earlier copies were duplicates of an earlier import. The later copy is then taken for the
// next of those duplicates rather than for a new occurrence (README: Every row is accounted for).

import type { Db } from '../db/open.js';
import {
  type KeyHolder,
  type LegacyEventSessions,
  legacyEventSessions,
  prepareKeyHolder,
} from '../db/session-keys.js';
import { occurrenceKey } from '../session-key.js';
import { type EncodedBatch, NUM, NUM_COLS } from './batch-codec.js';

// Natural keys whose occurrence numbers were settled here, remembered so that a run of repeats
// after a long gap costs one probe a row, not one per earlier copy. Forgotten past this many.
const MAX_SETTLED = 100_000;

export class RepeatKeys {
  private readonly holderOf: (startTs: number, key: number) => KeyHolder | undefined;
  private readonly legacy: LegacyEventSessions | null;
  /** The highest occurrence number given out here, per start and natural key. */
  private settled = new Map<string, number>();

  constructor(
    db: Db,
    private readonly importId: number,
  ) {
    this.holderOf = prepareKeyHolder(db);
    this.legacy = legacyEventSessions(db);
  }

  /**
   * Rewrites the keys of the batch's rows that need it (in place); run inside its transaction. A
   * key's rows turn uncertain only once it has left the window, which takes more distinct rows
   * (WINDOW_KEYS) than a batch holds (BATCH_ROWS): so a batch never holds both certain and
   * uncertain rows of one key, and among uncertain ones the memo hands out increasing numbers.
   */
  settle(batch: EncodedBatch): void {
    // Only between batches: within one, the memo is what keeps two rows of it off the same number.
    if (this.settled.size > MAX_SETTLED) this.settled = new Map();
    const num = batch.num;
    for (let at = 0; at < batch.rows * NUM_COLS; at += NUM_COLS) {
      const occurrence = num[at + NUM.occurrence]!;
      if (occurrence > 0) continue;
      if (occurrence < 0) num[at + NUM.keyHash] = this.nextOccurrence(num, at, -occurrence);
      else if (this.legacy !== null) this.matchLegacy(num, at, this.legacy);
    }
  }

  /** The key of the first occurrence, from `counted` on, that this import has not stored yet. */
  private nextOccurrence(num: Float64Array, at: number, counted: number): number {
    const start = num[at + NUM.startTs]!;
    const natural = num[at + NUM.natural]!;
    const memo = `${start}:${natural}`;
    let n = Math.max(counted, (this.settled.get(memo) ?? 0) + 1);
    let key = occurrenceKey(natural, n);
    while (this.holderOf(start, key)?.importId === this.importId) key = occurrenceKey(natural, ++n);
    this.settled.set(memo, n);
    return key;
  }

  /**
   * An event keyed by its id that a session stored before event ids were used already holds (same
   * fields, same millisecond): it is that session, so it takes that session's key (a duplicate).
   */
  private matchLegacy(num: Float64Array, at: number, legacy: LegacyEventSessions): void {
    const start = num[at + NUM.startTs]!;
    if (start < legacy.minStartTs || start > legacy.maxStartTs) return;
    const natural = num[at + NUM.natural]!;
    const holder = this.holderOf(start, natural);
    if (holder !== undefined && holder.id <= legacy.maxId) num[at + NUM.keyHash] = natural;
  }
}
