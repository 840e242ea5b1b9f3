import type { ImportCounts } from '../../../src-shared/domain.js';
import { ANALYTICS_GRANULARITIES, prepareAnalyticsApply } from '../db/analytics-rollups.js';
import { prepareAttrIntern } from '../db/attr-sets.js';
import { prepareProgressUpdate } from '../db/imports.js';
import type { Db } from '../db/open.js';
import { prepareQuarantineInsert } from '../db/quarantine.js';
import { GRANULARITIES, prepareRollupApply } from '../db/rollups.js';
import { prepareSessionInsert, type SessionInsertValues } from '../db/sessions.js';
import { coarsenAnalytics } from './analytics-cells.js';
import { type EncodedBatch, NUM, numAt, STR, strAt } from './batch-codec.js';
import { coarsen, RollupAccumulator, type RollupCells } from './rollup-cells.js';

/**
 * Stores encoded batches, one transaction each: sessions (duplicates skipped by natural key),
 * quarantined records, rollup deltas and the import's running counts. A batch is all-or-nothing,
 * so a crash leaves the database at a batch boundary that recovery can undo.
 */
export class BatchWriter {
  readonly counts: ImportCounts = { rowsRead: 0, stored: 0, quarantined: 0, duplicates: 0 };
  bytesRead = 0;
  private readonly insertSession: (values: SessionInsertValues) => number;
  private firstId: number | null = null;
  private lastId: number | null = null;
  private readonly internAttrs: (json: string) => number;
  private readonly insertBad: ReturnType<typeof prepareQuarantineInsert>;
  private readonly updateProgress: ReturnType<typeof prepareProgressUpdate>;
  private readonly rollups: ReturnType<typeof prepareRollupApply>;
  private readonly analytics: ReturnType<typeof prepareAnalyticsApply>;
  private readonly writeInTransaction: (batch: EncodedBatch) => void;
  private readonly values = new Array(21) as SessionInsertValues;

  constructor(
    db: Db,
    private readonly importId: number,
  ) {
    this.insertSession = prepareSessionInsert(db);
    this.internAttrs = prepareAttrIntern(db);
    this.insertBad = prepareQuarantineInsert(db);
    this.updateProgress = prepareProgressUpdate(db);
    this.rollups = prepareRollupApply(db);
    this.analytics = prepareAnalyticsApply(db);
    this.writeInTransaction = db.transaction((batch: EncodedBatch) => this.writeBatch(batch));
  }

  write(batch: EncodedBatch): void {
    this.writeInTransaction(batch);
  }

  private writeBatch(batch: EncodedBatch): void {
    // Rollup cells were summed by the parser assuming every row is new; duplicates are taken back out.
    const duplicates = new RollupAccumulator(-1);
    let stored = 0;
    for (let i = 0; i < batch.rows; i++) {
      this.fill(batch, i);
      const id = this.insertSession(this.values);
      if (id !== 0) {
        this.firstId ??= id;
        this.lastId = id;
        stored++;
        continue;
      }
      duplicates.add({
        startTs: this.values[2],
        srcIp: this.values[4],
        dstIp: this.values[5],
        country: this.values[13],
        detectionType: this.values[16],
        bytesIn: this.values[9],
        bytesOut: this.values[10],
        endTs: this.values[3],
        protocol: this.values[8],
        dstPort: this.values[7],
        ruleName: this.values[15],
        action: this.values[17],
        label: this.values[18],
      });
    }
    for (const bad of batch.bads) this.insertBad(this.importId, bad.line, bad.reason, bad.raw);
    this.applyRollups(batch.cells);
    if (!duplicates.empty) this.takeBack(duplicates.take());
    this.counts.rowsRead += batch.rows + batch.bads.length;
    this.counts.stored += stored;
    this.counts.duplicates += batch.rows - stored;
    this.counts.quarantined += batch.bads.length;
    this.bytesRead = batch.bytesRead;
    this.updateProgress(this.importId, this.counts, this.bytesRead, {
      firstId: this.firstId,
      lastId: this.lastId,
    });
  }

  private fill(batch: EncodedBatch, row: number): void {
    const v = this.values;
    v[0] = this.importId;
    v[1] = numAt(batch, row, NUM.keyHash)!;
    v[2] = numAt(batch, row, NUM.startTs)!;
    v[3] = numAt(batch, row, NUM.endTs)!;
    v[4] = strAt(batch, row, STR.srcIp)!;
    v[5] = strAt(batch, row, STR.dstIp);
    v[6] = numAt(batch, row, NUM.srcPort);
    v[7] = numAt(batch, row, NUM.dstPort);
    v[8] = strAt(batch, row, STR.protocol);
    v[9] = numAt(batch, row, NUM.bytesIn);
    v[10] = numAt(batch, row, NUM.bytesOut);
    v[11] = numAt(batch, row, NUM.packets);
    v[12] = numAt(batch, row, NUM.responseCode);
    v[13] = strAt(batch, row, STR.country);
    v[14] = numAt(batch, row, NUM.asn);
    v[15] = strAt(batch, row, STR.ruleName);
    v[16] = strAt(batch, row, STR.detectionType);
    v[17] = strAt(batch, row, STR.action);
    v[18] = strAt(batch, row, STR.label);
    v[19] = numAt(batch, row, NUM.line)!;
    const attrs = strAt(batch, row, STR.attrs);
    v[20] = attrs === null ? null : this.internAttrs(attrs);
  }

  private applyRollups(cells: RollupCells): void {
    for (const g of GRANULARITIES) for (const cell of coarsen(cells.time, g)) this.rollups.time(g, cell);
    for (const cell of cells.pairs) this.rollups.pair(cell);
    for (const cell of cells.sources) this.rollups.source(cell);
    for (const g of ANALYTICS_GRANULARITIES)
      this.analytics.apply(g, coarsenAnalytics(cells.analytics, g), g === ANALYTICS_GRANULARITIES[0]);
  }

  private takeBack(negative: RollupCells): void {
    this.applyRollups(negative);
    this.rollups.prune({
      time: GRANULARITIES.flatMap((g) =>
        coarsen(negative.time, g).map((cell) => [g, cell] as [number, typeof cell]),
      ),
      pairs: negative.pairs,
      sources: negative.sources,
    });
    this.analytics.prune();
  }
}
