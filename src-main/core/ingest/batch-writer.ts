import type { ImportCounts } from '../../../src-shared/domain.js';
import { prepareProgressUpdate } from '../db/imports.js';
import type { Db } from '../db/open.js';
import { prepareQuarantineInsert } from '../db/quarantine.js';
import { GRANULARITIES, type PairCell, prepareRollupApply, type SourceCell, type TimeCell } from '../db/rollups.js';
import { prepareSessionInsert, type StoredSessionInput } from '../db/sessions.js';
import { derive } from '../enrich/derived.js';
import type { GeoIp } from '../enrich/geoip.js';
import { naturalKey } from './natural-key.js';
import type { RecordSink, SessionRow } from './types.js';

export const BATCH_ROWS = 20_000;
const QUARANTINE_RAW_CHARS = 4096;
const MINUTE = GRANULARITIES[0];

interface BadRecord {
  line: number;
  raw: string;
  reason: string;
}

/**
 * Collects parsed records and stores them one transaction per batch: sessions (duplicates skipped
 * by natural key), quarantined records, rollup deltas and the import's running counts. A batch is
 * all-or-nothing, so a crash leaves the database at a batch boundary that recovery can undo.
 */
export class BatchWriter implements RecordSink {
  readonly counts: ImportCounts = { rowsRead: 0, stored: 0, quarantined: 0, duplicates: 0 };
  private rows: SessionRow[] = [];
  private bads: BadRecord[] = [];
  private readonly insertSession: (row: StoredSessionInput) => boolean;
  private readonly insertBad: ReturnType<typeof prepareQuarantineInsert>;
  private readonly updateProgress: ReturnType<typeof prepareProgressUpdate>;
  private readonly rollups: ReturnType<typeof prepareRollupApply>;
  private readonly flushTransaction: () => void;
  bytesRead = 0;

  constructor(
    private readonly db: Db,
    private readonly importId: number,
    private readonly geo: GeoIp | null,
  ) {
    this.insertSession = prepareSessionInsert(db);
    this.insertBad = prepareQuarantineInsert(db);
    this.updateProgress = prepareProgressUpdate(db);
    this.rollups = prepareRollupApply(db);
    this.flushTransaction = db.transaction(() => this.writeBatch());
  }

  row(row: SessionRow): void {
    this.rows.push(row);
    if (this.rows.length >= BATCH_ROWS) this.flush();
  }

  bad(line: number, raw: string, reason: string): void {
    this.bads.push({ line, raw: raw.length > QUARANTINE_RAW_CHARS ? raw.slice(0, QUARANTINE_RAW_CHARS) : raw, reason });
    if (this.bads.length >= BATCH_ROWS) this.flush();
  }

  flush(): void {
    if (this.rows.length === 0 && this.bads.length === 0) return;
    this.flushTransaction();
    this.rows = [];
    this.bads = [];
  }

  private writeBatch(): void {
    const times = new Map<string, TimeCell>();
    const pairs = new Map<string, PairCell>();
    const sources = new Map<string, SourceCell>();
    const importId = this.importId;
    const geo = this.geo;
    let stored = 0;
    for (const row of this.rows) {
      if (geo) {
        if (row.country === null) row.country = geo.country(row.srcIp);
        if (row.asn === null) row.asn = geo.asn(row.srcIp);
      }
      const derived = derive(row);
      const isNew = this.insertSession({
        ...row,
        importId,
        keyHash: naturalKey(row),
        durationMs: derived.durationMs,
        bytesRatio: derived.bytesRatio,
        hourOfDay: derived.hourOfDay,
      });
      if (!isNew) continue;
      stored++;
      accumulate(times, pairs, sources, row);
    }
    for (const bad of this.bads) this.insertBad(importId, bad.line, bad.reason, bad.raw);
    this.applyRollups(times, pairs, sources);
    const batchRows = this.rows.length;
    this.counts.rowsRead += batchRows + this.bads.length;
    this.counts.stored += stored;
    this.counts.duplicates += batchRows - stored;
    this.counts.quarantined += this.bads.length;
    this.updateProgress(importId, this.counts, this.bytesRead);
  }

  private applyRollups(times: Map<string, TimeCell>, pairs: Map<string, PairCell>, sources: Map<string, SourceCell>) {
    // Minute cells are folded into hour and day cells here, so each batch costs a few upserts per level.
    for (const g of GRANULARITIES) {
      const cells = g === MINUTE ? times : coarsen(times, g);
      for (const cell of cells.values()) this.rollups.time(g, cell);
    }
    for (const cell of pairs.values()) this.rollups.pair(cell);
    for (const cell of sources.values()) this.rollups.source(cell);
  }
}

function accumulate(
  times: Map<string, TimeCell>,
  pairs: Map<string, PairCell>,
  sources: Map<string, SourceCell>,
  row: SessionRow,
): void {
  const bytesIn = row.bytesIn ?? 0;
  const bytesOut = row.bytesOut ?? 0;
  const bucket = row.startTs - (((row.startTs % MINUTE) + MINUTE) % MINUTE);
  const country = row.country ?? '';
  const detectionType = row.detectionType ?? '';
  const timeKey = `${bucket}|${country}|${detectionType}`;
  const time = times.get(timeKey);
  if (time) {
    time.sessions++;
    time.bytesIn += bytesIn;
    time.bytesOut += bytesOut;
  } else {
    times.set(timeKey, { bucket, country, detectionType, sessions: 1, bytesIn, bytesOut });
  }
  const dstIp = row.dstIp ?? '';
  const pairKey = `${row.srcIp}|${dstIp}`;
  const pair = pairs.get(pairKey);
  if (pair) addTo(pair, bytesIn, bytesOut, row.startTs);
  else pairs.set(pairKey, { srcIp: row.srcIp, dstIp, sessions: 1, bytesIn, bytesOut, firstTs: row.startTs, lastTs: row.startTs });
  const source = sources.get(row.srcIp);
  if (source) addTo(source, bytesIn, bytesOut, row.startTs);
  else sources.set(row.srcIp, { srcIp: row.srcIp, country, sessions: 1, bytesIn, bytesOut, firstTs: row.startTs, lastTs: row.startTs });
}

function addTo(cell: Omit<PairCell, 'srcIp' | 'dstIp'>, bytesIn: number, bytesOut: number, ts: number): void {
  cell.sessions++;
  cell.bytesIn += bytesIn;
  cell.bytesOut += bytesOut;
  if (ts < cell.firstTs) cell.firstTs = ts;
  if (ts > cell.lastTs) cell.lastTs = ts;
}

function coarsen(minutes: Map<string, TimeCell>, granularity: number): Map<string, TimeCell> {
  const out = new Map<string, TimeCell>();
  for (const cell of minutes.values()) {
    const bucket = cell.bucket - (((cell.bucket % granularity) + granularity) % granularity);
    const key = `${bucket}|${cell.country}|${cell.detectionType}`;
    const into = out.get(key);
    if (into) {
      into.sessions += cell.sessions;
      into.bytesIn += cell.bytesIn;
      into.bytesOut += cell.bytesOut;
    } else {
      out.set(key, { ...cell, bucket });
    }
  }
  return out;
}
