import type { Db } from './open.js';

/**
 * Commits a bulk writer's batches a few at a time: each batch still runs in its own transaction
 * function (a savepoint inside the group's transaction), so it stays all-or-nothing, and a crash
 * leaves the database at a batch boundary, only an earlier one. The import commits the group
 * before each progress report too, so what a report counts is what other connections see.
 *
 * Why: every commit writes to the WAL each page the batch touched, whole (64 KiB), and a batch of
 * an access log touches the same few dozen pages of the dictionaries' unique indexes, the rule
 * hits' indexes and the tails of the sessions' B-trees as the batch before it. On a varied log
 * those rewrites were 60 % of the WAL frames (300 000 lines: 1 878 frames for 745 distinct
 * pages), written once to the WAL and again by the checkpoint.
 */
export class CommitGroup {
  private open = false;
  private batches = 0;
  private openedAt = 0;

  constructor(
    private readonly db: Db,
    /** Batches per commit. */
    private readonly size: number,
    /** Commit after this long even with fewer batches, so other writers and readers wait little. */
    private readonly maxOpenMs = 1_000,
  ) {}

  /** Call before each batch's own transaction. */
  before(): void {
    if (this.open) return;
    // Immediate: the write lock is taken now, as the batch's own immediate transaction did.
    this.db.prepare('BEGIN IMMEDIATE').run();
    this.open = true;
    this.batches = 0;
    this.openedAt = performance.now();
  }

  /** Call after each batch was written: commits when the group is full or has been open long enough. */
  after(): void {
    this.batches++;
    if (this.batches >= this.size || performance.now() - this.openedAt >= this.maxOpenMs) this.commit();
  }

  /** Commits what the group holds (after the last batch, before anything that needs no transaction open). */
  commit(): void {
    if (!this.open) return;
    this.open = false;
    this.db.prepare('COMMIT').run();
  }

  /** Drops what the group holds since its last commit (the import is failing or cancelled). */
  rollback(): void {
    if (!this.open) return;
    this.open = false;
    if (this.db.inTransaction) this.db.prepare('ROLLBACK').run();
  }
}
