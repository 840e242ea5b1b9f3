// Collects pulled lines into spool files of a bounded size and imports each one through the file
// pipeline, so pulled events get the same validation, quarantine, de-duplication and rollups.
import fs from 'node:fs/promises';
import type { FormatId, ImportRecord, MappingPreset } from '../../../../src-shared/domain.js';
import { abortError } from './retry.js';
import { Spool } from './spool.js';
import type { PullTally } from './tally.js';

/** Imports one spool file: in this thread (CLI) or through the import job queue (app). */
export type SpoolImport = (
  file: string,
  options: { format?: FormatId; preset?: MappingPreset; origin?: string },
  signal?: AbortSignal,
) => Promise<ImportRecord>;

export interface ChunkerOptions {
  dir: string;
  /** The spool files' names start with the kind of source (default 'cwl', CloudWatch Logs) and this label. */
  kind?: string;
  logGroup: string;
  importSpool: SpoolImport;
  preset?: MappingPreset;
  /** Where the events come from, stored on each chunk's import (import-origin.ts). */
  origin?: string;
  /** A chunk is imported once it holds this many events or bytes (checked between pages). */
  flushEvents: number;
  flushBytes: number;
  signal?: AbortSignal;
}

export class SpoolChunker {
  /** The first line of every chunk file, no event (the column names of tab-separated rows), or null. */
  header: string | null = null;
  private spool: Spool | null = null;
  private sequence = 0;
  private maxTs: number | null = null;
  // Detected on the first chunk and kept: a later chunk of mostly bad lines must not be read as
  // another format.
  private format: FormatId | undefined;

  constructor(
    private readonly options: ChunkerOptions,
    private readonly tally: PullTally,
  ) {}

  get events(): number {
    return this.spool?.events ?? 0;
  }

  get full(): boolean {
    const spool = this.spool;
    return (
      spool !== null && (spool.events >= this.options.flushEvents || spool.bytes >= this.options.flushBytes)
    );
  }

  async add(lines: string[], maxTs: number | null): Promise<void> {
    if (lines.length === 0) return;
    this.spool ??= await Spool.open(
      this.options.dir,
      this.options.kind ?? 'cwl',
      this.options.logGroup,
      ++this.sequence,
      this.header,
    );
    await this.spool.write(lines);
    if (maxTs !== null && (this.maxTs === null || maxTs > this.maxTs)) this.maxTs = maxTs;
  }

  /** Imports the chunk; returns the newest event timestamp it committed (null when it was empty). */
  async flush(): Promise<{ maxTs: number | null } | null> {
    const spool = this.spool;
    if (!spool) return null;
    this.spool = null;
    const maxTs = this.maxTs;
    this.maxTs = null;
    await spool.close();
    const previous = this.tally.phase;
    this.tally.phase = 'importing';
    let record: ImportRecord;
    try {
      record = await this.options.importSpool(
        spool.file,
        {
          format: this.options.preset ? undefined : this.format,
          preset: this.options.preset,
          origin: this.options.origin,
        },
        this.options.signal,
      );
    } catch (error) {
      // The chunk's events are still in CloudWatch and its position was not saved: running the pull
      // again fetches them, so the spool file would only be litter.
      await spool.discard();
      if (this.options.signal?.aborted) throw abortError();
      throw importFailure(error as Error);
    }
    if (record.status === 'cancelled') {
      await spool.discard();
      throw abortError();
    }
    this.tally.phase = previous;
    this.format ??= record.status === 'done' ? (record.format as FormatId) : undefined;
    this.tally.imported(record, spool.events);
    await fs.rm(spool.file, { force: true });
    return { maxTs };
  }

  /** Drops a chunk that will not be imported (cancel, failure while fetching). */
  async discard(): Promise<void> {
    await this.spool?.discard();
    this.spool = null;
    this.maxTs = null;
  }
}

function importFailure(error: Error): Error {
  const unknownFormat = /Could not recognise the format/.test(error.message);
  const reason = unknownFormat
    ? 'the pulled events are neither VPC Flow Log lines nor AWS WAF JSON; for other JSON lines give a mapping preset (--preset NAME)'
    : error.message.replace(/\.?\s*Nothing from this import was kept\.?$/, '');
  return Object.assign(
    new Error(
      `Importing pulled events failed: ${reason}. Nothing from this chunk was stored; run the pull again to fetch it.`,
    ),
    { cause: error },
  );
}
