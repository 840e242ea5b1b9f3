import type { ImportCounts } from '../../../src-shared/domain.js';
import { prepareAnalyticsApply } from '../db/analytics-rollups.js';
import { prepareAttrIntern } from '../db/attr-sets.js';
import { prepareProgressUpdate } from '../db/imports.js';
import type { Db } from '../db/open.js';
import { prepareQuarantineInsert } from '../db/quarantine.js';
import { prepareRollupApply } from '../db/rollups.js';
import { prepareSessionGroupInsert, SESSION_GROUP_ROWS, SESSION_INSERT_WIDTH } from '../db/sessions.js';
import { type EncodedBatch, NUM, numAt, STR, strAt } from './batch-codec.js';
import { RepeatKeys } from './repeat-keys.js';
import { type RollupSink, RollupWindow } from './rollup-window.js';
import type { WindowState } from './window-state.js';

/**
 * Stores encoded batches, one transaction each: sessions (duplicates skipped by natural key),
 * quarantined records and the import's running counts. The parser sums every row into a rollup
 * window and hands it over with the batch that closes it; the writer takes the duplicates of those
 * batches back out and upserts the window inside that batch's transaction. A batch is
 * all-or-nothing, so a crash leaves the database at a batch boundary that recovery can undo: the
 * import row records the last session id whose rollup share was applied, which is what recovery
 * subtracts.
 */
export class BatchWriter {
  readonly counts: ImportCounts = { rowsRead: 0, stored: 0, quarantined: 0, duplicates: 0 };
  bytesRead = 0;
  private readonly insertGroup: ReturnType<typeof prepareSessionGroupInsert>;
  private firstId: number | null = null;
  private lastId: number | null = null;
  /** Sessions of this import up to this id are in the rollups (0: none yet). */
  private rollupLastId = 0;
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
    this.repeats = new RepeatKeys(db, importId);
    this.internAttrs = prepareAttrIntern(db);
    this.insertBad = prepareQuarantineInsert(db);
    this.updateProgress = prepareProgressUpdate(db);
    this.rollups = { ...prepareRollupApply(db), ...prepareAnalyticsApply(db) };
    this.writeInTransaction = db.transaction((batch: EncodedBatch) => this.writeBatch(batch));
  }

  write(batch: EncodedBatch): void {
    this.writeInTransaction(batch);
  }

  private writeBatch(batch: EncodedBatch): void {
    this.repeats.settle(batch);
    let stored = 0;
    let duplicatesOfBatch = false;
    const ids = this.groupIds;
    for (let start = 0; start < batch.rows; start += SESSION_GROUP_ROWS) {
      const rows = Math.min(SESSION_GROUP_ROWS, batch.rows - start);
      const values = rows === SESSION_GROUP_ROWS ? this.groupValues : new Array(rows * SESSION_INSERT_WIDTH);
      for (let r = 0; r < rows; r++) this.fill(batch, start + r, values, r * SESSION_INSERT_WIDTH);
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

  /** Upserts the window the parser closed with this batch, less the duplicates it summed too. */
  private applyRollups(state: WindowState): void {
    const window = RollupWindow.fromState(state);
    if (!this.duplicates.empty) {
      window.subtract(this.duplicates);
      this.duplicates = new RollupWindow();
    }
    window.flush(this.rollups);
    this.rollupLastId = this.lastId ?? 0;
  }

  private saveProgress(): void {
    this.updateProgress(this.importId, this.counts, this.bytesRead, {
      firstId: this.firstId,
      lastId: this.lastId,
      rollupLastId: this.rollupLastId,
    });
  }

  /** Writes row `row` of the batch into `v` from `at`, in SessionInsertValues order. */
  private fill(batch: EncodedBatch, row: number, v: unknown[], at: number): void {
    v[at] = this.importId;
    v[at + 1] = numAt(batch, row, NUM.keyHash)!;
    v[at + 2] = numAt(batch, row, NUM.startTs)!;
    v[at + 3] = numAt(batch, row, NUM.endTs)!;
    v[at + 4] = strAt(batch, row, STR.srcIp)!;
    v[at + 5] = strAt(batch, row, STR.dstIp);
    v[at + 6] = numAt(batch, row, NUM.srcPort);
    v[at + 7] = numAt(batch, row, NUM.dstPort);
    v[at + 8] = strAt(batch, row, STR.protocol);
    v[at + 9] = numAt(batch, row, NUM.bytesIn);
    v[at + 10] = numAt(batch, row, NUM.bytesOut);
    v[at + 11] = numAt(batch, row, NUM.packets);
    v[at + 12] = numAt(batch, row, NUM.responseCode);
    v[at + 13] = strAt(batch, row, STR.country);
    v[at + 14] = numAt(batch, row, NUM.asn);
    v[at + 15] = strAt(batch, row, STR.ruleName);
    v[at + 16] = strAt(batch, row, STR.detectionType);
    v[at + 17] = strAt(batch, row, STR.action);
    v[at + 18] = strAt(batch, row, STR.label);
    v[at + 19] = numAt(batch, row, NUM.line)!;
    const attrs = strAt(batch, row, STR.attrs);
    v[at + 20] = attrs === null ? null : this.internAttrs(attrs);
  }
}
