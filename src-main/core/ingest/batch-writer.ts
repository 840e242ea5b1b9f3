import type { ImportCounts } from '../../../src-shared/domain.js';
import { prepareAnalyticsApply } from '../db/analytics-rollups.js';
import { prepareAttrIntern } from '../db/attr-sets.js';
import { prepareProgressUpdate } from '../db/imports.js';
import type { Db } from '../db/open.js';
import { prepareQuarantineInsert } from '../db/quarantine.js';
import { prepareRollupApply } from '../db/rollups.js';
import {
  prepareNextSessionId,
  prepareSessionGroupInsert,
  SESSION_GROUP_ROWS,
  SESSION_INSERT_WIDTH,
} from '../db/sessions.js';
import { createStagedRollups, stagedName } from '../db/staged-rollups.js';
import { type EncodedBatch, NUM, numAt, STR, strAt } from './batch-codec.js';
import { RepeatKeys } from './repeat-keys.js';
import { type RollupSink, RollupWindow } from './rollup-window.js';
import type { WindowState } from './window-state.js';

/**
 * Stores encoded batches, one transaction each: sessions (duplicates skipped by natural key),
 * quarantined records and the import's running counts. Each session gets an id from the
 * never-reused sequence (prepareNextSessionId). The parser sums every row into a rollup window and
 * hands it over with the batch that closes it; the writer takes the duplicates of those batches
 * back out and upserts the window into this connection's staging of the rollups, which the
 * pipeline adds to the real rollups only in the transaction that marks the import done. A batch is
 * all-or-nothing, so a crash leaves the database at a batch boundary with no dashboard counting
 * the unfinished import, and recovery deletes its sessions by the id range the import row records.
 */
export class BatchWriter {
  readonly counts: ImportCounts = { rowsRead: 0, stored: 0, quarantined: 0, duplicates: 0 };
  bytesRead = 0;
  private readonly insertGroup: ReturnType<typeof prepareSessionGroupInsert>;
  private readonly nextSessionId: () => number;
  private firstId: number | null = null;
  private lastId: number | null = null;
  private readonly internAttrs: (json: string) => number;
  private readonly insertBad: ReturnType<typeof prepareQuarantineInsert>;
  private readonly updateProgress: ReturnType<typeof prepareProgressUpdate>;
  /** Rows refused as duplicates since the last window, to take back out of the next one. */
  private duplicates = new RollupWindow();
  private readonly rollups: RollupSink;
  private readonly writeInTransaction: (batch: EncodedBatch) => void;
  private readonly groupValues: unknown[] = new Array(SESSION_GROUP_ROWS * SESSION_INSERT_WIDTH);
  private readonly groupIds = new Float64Array(SESSION_GROUP_ROWS);
  /** Settles the keys of repeated rows whose occurrence the parser could not be sure of. */
  private readonly repeats: RepeatKeys;

  constructor(
    db: Db,
    private readonly importId: number,
  ) {
    this.insertGroup = prepareSessionGroupInsert(db);
    this.nextSessionId = prepareNextSessionId(db);
    this.repeats = new RepeatKeys(db, importId);
    this.internAttrs = prepareAttrIntern(db);
    this.insertBad = prepareQuarantineInsert(db);
    this.updateProgress = prepareProgressUpdate(db);
    createStagedRollups(db);
    this.rollups = { ...prepareRollupApply(db, stagedName), ...prepareAnalyticsApply(db, stagedName) };
    // Immediate: the next id is read under the write lock, so two writers never take the same one.
    const transaction = db.transaction((batch: EncodedBatch) => this.writeBatch(batch));
    this.writeInTransaction = (batch) => transaction.immediate(batch);
  }

  write(batch: EncodedBatch): void {
    this.writeInTransaction(batch);
  }

  private writeBatch(batch: EncodedBatch): void {
    this.repeats.settle(batch);
    let stored = 0;
    let duplicatesOfBatch = false;
    const ids = this.groupIds;
    let nextId = this.nextSessionId();
    for (let start = 0; start < batch.rows; start += SESSION_GROUP_ROWS) {
      const rows = Math.min(SESSION_GROUP_ROWS, batch.rows - start);
      const values = rows === SESSION_GROUP_ROWS ? this.groupValues : new Array(rows * SESSION_INSERT_WIDTH);
      for (let r = 0; r < rows; r++) this.fill(batch, start + r, nextId++, values, r * SESSION_INSERT_WIDTH);
      stored += this.insertGroup(values, rows, ids);
      for (let r = 0; r < rows; r++) {
        const id = ids[r]!;
        if (id === 0) {
          if (!duplicatesOfBatch) this.duplicates.startBatch(batch);
          duplicatesOfBatch = true;
          this.duplicates.add(batch, start + r);
          continue;
        }
        this.firstId ??= id;
        this.lastId = id;
      }
    }
    for (const bad of batch.bads) this.insertBad(this.importId, bad.line, bad.reason, bad.raw);
    if (batch.rollups) this.applyRollups(batch.rollups);
    this.counts.rowsRead += batch.rows + batch.bads.length;
    this.counts.stored += stored;
    this.counts.duplicates += batch.rows - stored;
    this.counts.quarantined += batch.bads.length;
    this.bytesRead = batch.bytesRead;
    this.saveProgress();
  }

  /** Stages the window the parser closed with this batch, less the duplicates it summed too. */
  private applyRollups(state: WindowState): void {
    const window = RollupWindow.fromState(state);
    if (!this.duplicates.empty) {
      window.subtract(this.duplicates);
      this.duplicates = new RollupWindow();
    }
    window.flush(this.rollups);
  }

  private saveProgress(): void {
    // rollupLastId 0: none of this import's share is in the real rollups (it is staged).
    this.updateProgress(this.importId, this.counts, this.bytesRead, {
      firstId: this.firstId,
      lastId: this.lastId,
      rollupLastId: 0,
    });
  }

  /** Writes row `row` of the batch into `v` from `at`, in SessionInsertValues order. */
  private fill(batch: EncodedBatch, row: number, id: number, v: unknown[], at: number): void {
    v[at] = id;
    v[at + 1] = this.importId;
    v[at + 2] = numAt(batch, row, NUM.keyHash)!;
    v[at + 3] = numAt(batch, row, NUM.startTs)!;
    v[at + 4] = numAt(batch, row, NUM.endTs)!;
    v[at + 5] = strAt(batch, row, STR.srcIp)!;
    v[at + 6] = strAt(batch, row, STR.dstIp);
    v[at + 7] = numAt(batch, row, NUM.srcPort);
    v[at + 8] = numAt(batch, row, NUM.dstPort);
    v[at + 9] = strAt(batch, row, STR.protocol);
    v[at + 10] = numAt(batch, row, NUM.bytesIn);
    v[at + 11] = numAt(batch, row, NUM.bytesOut);
    v[at + 12] = numAt(batch, row, NUM.packets);
    v[at + 13] = numAt(batch, row, NUM.responseCode);
    v[at + 14] = strAt(batch, row, STR.country);
    v[at + 15] = numAt(batch, row, NUM.asn);
    v[at + 16] = strAt(batch, row, STR.ruleName);
    v[at + 17] = strAt(batch, row, STR.detectionType);
    v[at + 18] = strAt(batch, row, STR.action);
    v[at + 19] = strAt(batch, row, STR.label);
    v[at + 20] = numAt(batch, row, NUM.line)!;
    const attrs = strAt(batch, row, STR.attrs);
    v[at + 21] = attrs === null ? null : this.internAttrs(attrs);
  }
}
