import type { ImportCounts } from '../../../src-shared/domain.js';
import { prepareAnalyticsApply } from '../db/analytics-rollups.js';
import { prepareAttrIntern } from '../db/attr-sets.js';
import { prepareProgressUpdate } from '../db/imports.js';
import type { Db } from '../db/open.js';
import { prepareQuarantineInsert } from '../db/quarantine.js';
import { prepareRollupApply } from '../db/rollups.js';
import { prepareSessionGroupInsert, SESSION_GROUP_ROWS, SESSION_INSERT_WIDTH } from '../db/sessions.js';
import { type EncodedBatch, NUM, numAt, STR, strAt } from './batch-codec.js';
import { type RollupSink, RollupWindow } from './rollup-window.js';

/**
 * Stores encoded batches, one transaction each: sessions (duplicates skipped by natural key),
 * quarantined records and the import's running counts; stored rows are summed into the rollup
 * window, which is flushed inside the batch's transaction when full and by `finish()`. A batch is
 * all-or-nothing, so a crash leaves the database at a batch boundary that recovery can undo: the
 * import row records the last session id whose rollup share was flushed, which is what recovery
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
  private readonly window: RollupWindow;
  private readonly rollups: RollupSink;
  private readonly writeInTransaction: (batch: EncodedBatch) => void;
  private readonly finishInTransaction: () => void;
  private readonly groupValues: unknown[] = new Array(SESSION_GROUP_ROWS * SESSION_INSERT_WIDTH);
  private readonly groupIds = new Float64Array(SESSION_GROUP_ROWS);

  constructor(
    db: Db,
    private readonly importId: number,
    windowCells?: number,
  ) {
    this.insertGroup = prepareSessionGroupInsert(db);
    this.internAttrs = prepareAttrIntern(db);
    this.insertBad = prepareQuarantineInsert(db);
    this.updateProgress = prepareProgressUpdate(db);
    this.window = new RollupWindow(windowCells);
    this.rollups = { ...prepareRollupApply(db), ...prepareAnalyticsApply(db) };
    this.writeInTransaction = db.transaction((batch: EncodedBatch) => this.writeBatch(batch));
    this.finishInTransaction = db.transaction(() => {
      this.flushRollups();
      this.saveProgress();
    });
  }

  write(batch: EncodedBatch): void {
    this.writeInTransaction(batch);
  }

  /** Flushes the last rollup window: call once the parser has sent every batch. */
  finish(): void {
    this.finishInTransaction();
  }

  private writeBatch(batch: EncodedBatch): void {
    const window = this.window;
    window.startBatch(batch);
    let stored = 0;
    const ids = this.groupIds;
    for (let start = 0; start < batch.rows; start += SESSION_GROUP_ROWS) {
      const rows = Math.min(SESSION_GROUP_ROWS, batch.rows - start);
      const values = rows === SESSION_GROUP_ROWS ? this.groupValues : new Array(rows * SESSION_INSERT_WIDTH);
      for (let r = 0; r < rows; r++) this.fill(batch, start + r, values, r * SESSION_INSERT_WIDTH);
      stored += this.insertGroup(values, rows, ids);
      for (let r = 0; r < rows; r++) {
        const id = ids[r]!;
        if (id === 0) continue;
        this.firstId ??= id;
        this.lastId = id;
        window.add(batch, start + r);
      }
    }
    for (const bad of batch.bads) this.insertBad(this.importId, bad.line, bad.reason, bad.raw);
    if (window.full) this.flushRollups();
    this.counts.rowsRead += batch.rows + batch.bads.length;
    this.counts.stored += stored;
    this.counts.duplicates += batch.rows - stored;
    this.counts.quarantined += batch.bads.length;
    this.bytesRead = batch.bytesRead;
    this.saveProgress();
  }

  private flushRollups(): void {
    this.window.flush(this.rollups);
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
