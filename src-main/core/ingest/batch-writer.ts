import type { ImportCounts } from '../../../src-shared/domain.js';
import { prepareAnalyticsApply } from '../db/analytics-rollups.js';
import { prepareAttrIntern } from '../db/attr-sets.js';
import { prepareProgressUpdate } from '../db/imports.js';
import { prepareFieldInterns } from '../db/interned-strings.js';
import type { Db } from '../db/open.js';
import { prepareQuarantineInsert } from '../db/quarantine.js';
import { prepareRollupApply } from '../db/rollups.js';
import { prepareNextSessionId, prepareSessionGroupInsert, SESSION_GROUP_ROWS } from '../db/sessions.js';
import { StagedPairs } from '../db/staged-pairs.js';
import { createStagedRollups, onMerge, stagedName } from '../db/staged-rollups.js';
import { BatchAddressKeys } from './batch-address-keys.js';
import type { EncodedBatch } from './batch-codec.js';
import { BatchInterns, type Intern } from './batch-interns.js';
import { ClientCells } from './client-cells.js';
import type { ImportRuleHits } from './import-rule-hits.js';
import { RepeatKeys } from './repeat-keys.js';
import { type RollupSink, RollupWindow } from './rollup-window.js';
import { fillerFor, presentColumns } from './session-fill.js';
import { WebRollupSums } from './web-rollup-sums.js';
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
  /** Per field (FIELD_LANES order): how an interned field's text becomes its id; null for the others. */
  private readonly internFields: (Intern | null)[];
  /** The interned fields' ids (slot k: field k) and the attribute set's (slot ATTRS_SLOT, session-fill.ts) by code of the batch. */
  private readonly interns: BatchInterns;
  /** The sort keys of the batch's addresses by string code (session-fill.ts). */
  private readonly addressKeys = new BatchAddressKeys();
  private readonly insertBad: ReturnType<typeof prepareQuarantineInsert>;
  private readonly updateProgress: ReturnType<typeof prepareProgressUpdate>;
  /** Rows refused as duplicates since the last window, to take back out of the next one. */
  private duplicates = new RollupWindow();
  private readonly rollups: RollupSink;
  private readonly clients: ClientCells;
  private readonly webRollups: WebRollupSums;
  private readonly writeInTransaction: (batch: EncodedBatch) => void;
  /** A full group's values for the columns of the last batch (an insert takes exactly its rows' values). */
  private groupValues: unknown[] = [];
  private readonly groupIds = new Float64Array(SESSION_GROUP_ROWS);
  /** Settles the keys of repeated rows whose occurrence the parser could not be sure of. */
  private readonly repeats: RepeatKeys;

  /** Each stored row's session id by row of the batch (0: a duplicate), for its rule hits. */
  private rowIds = new Float64Array(0);

  constructor(
    db: Db,
    private readonly importId: number,
    /** Stores the rule hits of each batch in its transaction (none when null). */
    private readonly ruleHits: ImportRuleHits | null = null,
  ) {
    this.insertGroup = prepareSessionGroupInsert(db);
    this.nextSessionId = prepareNextSessionId(db);
    this.repeats = new RepeatKeys(db, importId);
    this.internFields = prepareFieldInterns(db);
    this.interns = new BatchInterns([...this.internFields, prepareAttrIntern(db)]);
    this.insertBad = prepareQuarantineInsert(db);
    this.updateProgress = prepareProgressUpdate(db);
    createStagedRollups(db);
    const pairs = new StagedPairs(db);
    const clients = new ClientCells(pairs);
    this.clients = clients;
    this.rollups = {
      ...prepareRollupApply(db, stagedName),
      ...prepareAnalyticsApply(db, stagedName),
      pair: (...cell) => clients.add(...cell),
    };
    onMerge(db, 'per-client rollups', () => clients.finish());
    this.webRollups = new WebRollupSums(db, this.interns);
    // Immediate: the next id is read under the write lock, so two writers never take the same one.
    const transaction = db.transaction((batch: EncodedBatch) => this.writeBatch(batch));
    this.writeInTransaction = (batch) => transaction.immediate(batch);
  }

  write(batch: EncodedBatch): void {
    this.writeInTransaction(batch);
  }

  private writeBatch(batch: EncodedBatch): void {
    this.repeats.settle(batch);
    this.interns.start(batch.dict, batch.ids, batch.epoch);
    this.addressKeys.start(batch.dict);
    let stored = 0;
    let duplicatesOfBatch = false;
    const ids = this.groupIds;
    if (this.rowIds.length < batch.rows) this.rowIds = new Float64Array(batch.rows);
    const rowIds = this.rowIds;
    let nextId = this.nextSessionId();
    const columns = this.insertGroup.columnsFor(presentColumns(batch));
    const fill = fillerFor(columns);
    const width = columns.width;
    if (this.groupValues.length !== SESSION_GROUP_ROWS * width)
      this.groupValues = new Array(SESSION_GROUP_ROWS * width);
    for (let start = 0; start < batch.rows; start += SESSION_GROUP_ROWS) {
      const rows = Math.min(SESSION_GROUP_ROWS, batch.rows - start);
      const values = rows === SESSION_GROUP_ROWS ? this.groupValues : new Array(rows * width);
      for (let r = 0; r < rows; r++)
        fill(batch, start + r, nextId++, this.importId, values, r * width, this.interns, this.addressKeys);
      stored += this.insertGroup(values, rows, ids, columns);
      for (let r = 0; r < rows; r++) {
        const id = ids[r]!;
        rowIds[start + r] = id;
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
    this.ruleHits?.write(batch, rowIds);
    this.webRollups.add(batch, rowIds);
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
    this.clients.endWindow();
  }

  private saveProgress(): void {
    // rollupLastId 0: none of this import's share is in the real rollups (it is staged).
    this.updateProgress(this.importId, this.counts, this.bytesRead, {
      firstId: this.firstId,
      lastId: this.lastId,
      rollupLastId: 0,
    });
  }
}
