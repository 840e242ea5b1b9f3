// The per-client rollups of an import (rollup_pairs, rollup_sources) in the writer's staging. The
// pair cells are upserted into the staged pairs (by ingest/client-cells.ts, which sums them over
// many windows first); the staged sources are summed from the staged pairs once, just before the
// merge, instead of upserted too: on a log of 240 000 clients nearly every cell of a window is a
// client, and the source upserts (each a lookup in a B-tree keyed by text, larger than its page
// cache) cost as much as the pair upserts. A source's sums are the sums of its pairs. Its country
// is the first one seen: each staged pair keeps the country its source had in the window that
// first brought the pair, and that window's number.
//
// When the writer held every pair of the import until its end (nothing was staged before), it
// adds them and their sources to the real rollups directly, in the merge's transaction: staging
// 240 000 pairs only to copy them again cost about a second at the end of the varied log.
import type { Statement } from 'better-sqlite3';
import { must } from '../../../src-shared/must.js';
import type { Db } from './open.js';
import { prepareUpsert, REAL_ROLLUPS, ROLLUP_TABLES, type RollupTable } from './rollup-tables.js';
import { stagedName } from './staged-rollups.js';

const table = (name: RollupTable['name']) =>
  must(
    ROLLUP_TABLES.find((t) => t.name === name),
    name,
  );

/** One pair's sums, the window that first brought it and its source's country there. */
export interface StagedPair {
  src: string;
  dst: string;
  country: string;
  n: number;
  bytesIn: number;
  bytesOut: number;
  first: number;
  last: number;
  firstWindow: number;
}

/** One source's sums (over its pairs) and its first country. */
export type SourceSums = Omit<StagedPair, 'dst' | 'firstWindow'>;

export class StagedPairs {
  /** Whether any pair was staged since the staging was made. */
  staged = false;
  private readonly upsert: Statement;
  private readonly sumSources: Statement;
  private readonly pairIntoRollups: Statement;
  private readonly sourceIntoRollups: Statement;

  /** Needs the staging (createStagedRollups) with its pair columns. */
  constructor(db: Db) {
    const pairs = table('rollup_pairs');
    const staged = stagedName(pairs);
    const columns = [...pairs.columns, 'country', 'first_window'];
    // The conflict clause adds the sums only: a pair's country and first window stay the first.
    this.upsert = db.prepare(
      `INSERT INTO ${staged} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ${pairs.addTo}`,
    );
    const sources = table('rollup_sources');
    // Grouped in the order of the staged pairs' key (src_ip first): no sort. The country lookup
    // reads the few pairs of one source by the same key.
    this.sumSources = db.prepare(
      `INSERT INTO ${stagedName(sources)} (${sources.columns.join(', ')})
       SELECT src_ip,
         (SELECT country FROM ${staged} AS first WHERE first.src_ip = pair.src_ip ORDER BY first_window LIMIT 1),
         sum(sessions), sum(bytes_in), sum(bytes_out), min(first_ts), max(last_ts)
       FROM ${staged} AS pair WHERE true GROUP BY src_ip ${sources.addTo}`,
    );
    this.pairIntoRollups = prepareUpsert(db, 'rollup_pairs', REAL_ROLLUPS);
    this.sourceIntoRollups = prepareUpsert(db, 'rollup_sources', REAL_ROLLUPS);
  }

  /**
   * Adds the sums of one pair, with the window that first brought it and its source's country in
   * that window (an earlier staged window and its country stay).
   */
  add(pair: StagedPair): void {
    this.staged = true;
    this.upsert.run(
      pair.src,
      pair.dst,
      pair.n,
      pair.bytesIn,
      pair.bytesOut,
      pair.first,
      pair.last,
      pair.country,
      pair.firstWindow,
    );
  }

  /** Adds one pair to the real rollups (only in the merge's transaction, when nothing was staged). */
  addToRollups(pair: StagedPair): void {
    const { src, dst, n, bytesIn, bytesOut, first, last } = pair;
    this.pairIntoRollups.run(src, dst, n, bytesIn, bytesOut, first, last);
  }

  /** Adds one source to the real rollups (as addToRollups; a stored source keeps its country). */
  addSourceToRollups(source: SourceSums): void {
    const { src, country, n, bytesIn, bytesOut, first, last } = source;
    this.sourceIntoRollups.run(src, country, n, bytesIn, bytesOut, first, last);
  }

  /** Sums the staged pairs by source into the staged sources (once, before the merge). */
  stageSources(): void {
    this.sumSources.run();
  }
}
