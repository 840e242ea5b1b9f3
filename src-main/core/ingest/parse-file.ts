import { createHash } from 'node:crypto';
import type { FormatId, MappingPreset } from '../../../src-shared/domain.js';
import { createGeoIp, type GeoIp } from '../enrich/geoip.js';
import { AddressGeoMemo } from './address-geo-memo.js';
import { ArrayPool } from './array-pool.js';
import { type BadRecord, BatchEncoder, type EncodedBatch, STR } from './batch-codec.js';
import { EventSpoolReader, isEventSpool } from './event-spool.js';
import { formatById } from './formats/index.js';
import { LabelSidecar } from './label-sidecar.js';
import { RollupWindow } from './rollup-window.js';
import { readSource } from './source.js';
import { StringCodes } from './string-codes.js';
import type { RecordSink, SessionRow } from './types.js';

// Rows per write transaction. 10 000 keeps peak RSS lower than 20 000 (up to BATCHES_IN_FLIGHT
// batches are between the threads) at no measurable cost in rows/s.
export const BATCH_ROWS = 10_000;
const QUARANTINE_RAW_CHARS = 4096;
// A batch is also cut once its quarantined lines hold this much text: 10 000 of them at 4 096
// characters would keep 40 M characters (up to 80 MB) in the parser's heap, whose limit
// (parse-runner.ts) counts on a batch staying small.
const QUARANTINE_BATCH_CHARS = 4_000_000;

export interface ParseRequest {
  file: string;
  gzip: boolean;
  format: FormatId;
  preset?: MappingPreset;
  enrich: boolean;
  cacheDir: string | null;
  /** Rollup cells summed before a window is handed to the writer (default WINDOW_CELLS). */
  windowCells?: number;
  /** A `line,label` CSV whose labels the records get (label-sidecar.ts). */
  labels?: string | null;
}

export interface ParseOutcome {
  sha256: string;
  /** Set when a compressed file ended early; complete records before the break were kept. */
  truncation: string | null;
  /** The parser thread's largest V8 heap seen after a batch, in bytes (set when it ran on a worker). */
  parserHeapPeak?: number;
  /**
   * The most memory the parser thread's ArrayBuffers held after a batch, in bytes (set when it ran
   * on a worker): its tables and every batch it made that is not freed yet, in flight included.
   */
  parserBuffersPeak?: number;
}

export class ParseCancelled extends Error {}

/**
 * The CPU-heavy half of an import: read → gunzip → decode → parse → validate → normalize →
 * enrich → natural key, emitted as encoded batches. It touches no database, so it
 * runs on its own thread while the writer stores the previous batch.
 */
export async function parseFile(
  request: ParseRequest,
  emit: (batch: EncodedBatch) => Promise<void> | void,
  isCancelled: () => boolean = () => false,
  /** Where batch arrays come from: the parser thread's pool gets them back from the writer. */
  pool = new ArrayPool(),
): Promise<ParseOutcome> {
  const builder = new BatchBuilder(
    request.enrich ? createGeoIp(request.cacheDir) : null,
    new RollupWindow(request.windowCells),
    pool,
  );
  const parser = formatById(request.format).createParser({ preset: request.preset });
  const sidecar = request.labels ? new LabelSidecar(request.labels) : null;
  const sink: RecordSink = sidecar ? sidecar.wrap(builder) : builder;
  const hash = createHash('sha256');
  let truncation: string | null = null;
  const drain = async () => {
    for (const batch of builder.takeReady()) await emit(batch);
  };
  // Known from the first chunk: a spool of pulled events (event-spool.ts) or any other file.
  let spool: EventSpoolReader | null | undefined;
  try {
    for await (const chunk of readSource(request.file, request.gzip, hash)) {
      if (isCancelled()) throw new ParseCancelled();
      builder.bytesRead = chunk.bytesRead;
      if (spool === undefined)
        builder.spool = spool = isEventSpool(chunk.text) ? new EventSpoolReader() : null;
      if (spool) parser.push(spool.push(chunk.text), sink, null);
      else parser.push(chunk.text, sink, chunk.ascii);
      await drain();
    }
  } catch (error) {
    sidecar?.close();
    if (!isTruncatedGzip(error)) throw error;
    // A failed checksum is only found at a member's end, after the damaged text was read as records.
    truncation = /incorrect data check/.test(String((error as Error)?.message))
      ? 'The compressed file is corrupt (gzip: a part of it does not match its checksum); every record up to there was imported, but some may be damaged.'
      : 'The compressed file ends early or is corrupt (gzip); every complete record before the break was imported.';
  }
  try {
    if (isCancelled()) throw new ParseCancelled();
    if (spool) parser.push(spool.end(), sink, null);
    // After a break, whatever end() flushes is the record the break cut: never store it as if whole.
    parser.end(truncation === null ? sink : cutTail(sink));
    // After a break the sidecar's later lines are the lost records': not an error.
    if (truncation === null) sidecar?.finish();
  } finally {
    sidecar?.close();
  }
  builder.finish();
  await drain();
  return { sha256: hash.digest('hex'), truncation };
}

function cutTail(sink: RecordSink): RecordSink {
  const reason = 'incomplete record: the compressed file ends in the middle of it';
  return {
    row: (row) => sink.bad(row.line, JSON.stringify(row), reason),
    bad: (line, raw) => sink.bad(line, raw, reason),
  };
}

class BatchBuilder implements RecordSink {
  bytesRead = 0;
  /** Set when the file is a spool of pulled events: the event id of each message's line. */
  spool: EventSpoolReader | null = null;
  private readonly encoder = new BatchEncoder(BATCH_ROWS);
  private bads: BadRecord[] = [];
  private badChars = 0;
  private ready: EncodedBatch[] = [];
  // Lookups by string id (encoder.strings), dropped when that dictionary starts over.
  private geoEpoch = 0;
  private countries: (string | null)[] = [];
  private asns: (number | null)[] = [];
  private byAddress: AddressGeoMemo | null = null;

  constructor(
    private readonly geo: GeoIp | null,
    private readonly window: RollupWindow,
    private readonly pool: ArrayPool,
  ) {}

  row(row: SessionRow): void {
    // An id the format itself carries (a WAF request id) names the event in any file; it wins.
    if (this.spool !== null && !row.eventId) row.eventId = this.spool.idOf(row.line);
    if (this.geo && (row.country === null || row.asn === null)) this.enrich(row);
    this.encoder.add(row);
    if (this.encoder.full) this.cut();
  }

  /** Country and ASN where the log lacks them, looked up once per source IP (by its string id). */
  private enrich(row: SessionRow): void {
    const geo = this.geo!;
    const strings = this.encoder.strings;
    const id = this.encoder.idOf(STR.srcIp, row.srcIp);
    if (this.geoEpoch !== strings.epoch) {
      this.geoEpoch = strings.epoch;
      this.countries = [];
      this.asns = [];
    }
    // An address coded once (clients that hardly repeat) has an id of its own: memo by address.
    if (!StringCodes.inDictionary(id)) {
      this.byAddress ??= new AddressGeoMemo(geo);
      this.byAddress.enrich(row, row.srcIp);
      return;
    }
    if (row.country === null) {
      let country = this.countries[id];
      if (country === undefined) this.countries[id] = country = geo.country(row.srcIp);
      row.country = country;
    }
    if (row.asn === null) {
      let asn = this.asns[id];
      if (asn === undefined) this.asns[id] = asn = geo.asn(row.srcIp);
      row.asn = asn;
    }
  }

  bad(line: number, raw: string, reason: string): void {
    const kept = raw.length > QUARANTINE_RAW_CHARS ? raw.slice(0, QUARANTINE_RAW_CHARS) : raw;
    this.bads.push({ line, raw: kept, reason });
    this.badChars += kept.length;
    if (this.bads.length >= BATCH_ROWS || this.badChars >= QUARANTINE_BATCH_CHARS) this.cut();
  }

  /** Cuts the last batch, which carries what is left of the rollup window. */
  finish(): void {
    if (this.encoder.rows > 0 || this.bads.length > 0 || !this.window.empty) this.cut(true);
  }

  takeReady(): EncodedBatch[] {
    const ready = this.ready;
    this.ready = [];
    return ready;
  }

  /** Emits the rows so far as a batch, summed into the rollup window (handed over when full). */
  private cut(last = false): void {
    const batch = this.encoder.take(this.bads, this.bytesRead, this.pool);
    const window = this.window;
    window.startBatch(batch);
    for (let i = 0; i < batch.rows; i++) window.add(batch, i);
    if (window.full || (last && !window.empty)) batch.rollups = window.takeState(this.pool);
    this.ready.push(batch);
    this.bads = [];
    this.badChars = 0;
  }
}

function isTruncatedGzip(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return (
    code === 'Z_BUF_ERROR' ||
    code === 'Z_DATA_ERROR' ||
    /unexpected end of file/i.test(String((error as Error)?.message))
  );
}
