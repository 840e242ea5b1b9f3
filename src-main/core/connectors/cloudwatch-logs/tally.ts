// What a pull has done so far: the numbers behind its progress reports and its summary.
import type { ImportCounts, ImportRecord, PullDetail, PullSummary } from '../../../../src-shared/domain.js';
import type { TimeRange } from './time-range.js';

export type PullPhase = PullDetail['phase'];

export interface PullProgress {
  phase: PullPhase;
  logGroup: string;
  pages: number;
  events: number;
  /** Bytes of event messages received. */
  bytes: number;
  rangeStart: number;
  rangeEnd: number;
  /** Oldest event timestamp received. */
  coveredFrom: number | null;
  /** Newest event timestamp received: the range is covered up to here. */
  coveredTo: number | null;
  /** Share of the time range covered, 0..1. */
  fraction: number;
  counts: ImportCounts;
  importIds: number[];
}

/** What a finished pull did: the contract's shape, so the CLI and the app read the same. */
export type { PullSummary };

export class PullTally {
  phase: PullPhase = 'fetching';
  pages = 0;
  events = 0;
  bytes = 0;
  firstEventTs: number | null = null;
  lastEventTs: number | null = null;
  resumed = false;
  readonly notes: string[] = [];
  readonly counts: ImportCounts = { rowsRead: 0, stored: 0, quarantined: 0, duplicates: 0 };
  readonly importIds: number[] = [];
  /** Milliseconds of the range finished in earlier segments, and the segment under way. */
  private doneMs = 0;
  private segment: TimeRange | null = null;
  private segmentCoveredTo: number | null = null;

  constructor(
    readonly logGroup: string,
    readonly range: TimeRange,
    private readonly totalMs: number,
  ) {}

  startSegment(segment: TimeRange): void {
    this.segment = segment;
    this.segmentCoveredTo = null;
  }

  endSegment(): void {
    if (this.segment) this.doneMs += this.segment.end - this.segment.start;
    this.segment = null;
  }

  page(events: { timestamp?: number; message?: string }[]): void {
    this.pages++;
    for (const event of events) {
      this.events++;
      this.bytes += Buffer.byteLength(event.message ?? '');
      const ts = event.timestamp;
      if (ts === undefined) continue;
      if (this.firstEventTs === null || ts < this.firstEventTs) this.firstEventTs = ts;
      if (this.lastEventTs === null || ts > this.lastEventTs) this.lastEventTs = ts;
      if (this.segmentCoveredTo === null || ts > this.segmentCoveredTo) this.segmentCoveredTo = ts;
    }
  }

  imported(record: ImportRecord, lines: number): void {
    this.importIds.push(record.id);
    if (record.status === 'skipped') {
      // The same chunk was imported before (a pull that stopped before saving its position):
      // every line of it is already stored.
      this.counts.rowsRead += lines;
      this.counts.duplicates += lines;
      return;
    }
    this.counts.rowsRead += record.rowsRead;
    this.counts.stored += record.stored;
    this.counts.quarantined += record.quarantined;
    this.counts.duplicates += record.duplicates;
  }

  fraction(): number {
    if (this.phase === 'done') return 1;
    if (this.totalMs <= 0) return 0;
    const current =
      this.segment && this.segmentCoveredTo !== null
        ? Math.max(0, this.segmentCoveredTo - this.segment.start)
        : 0;
    return Math.min(1, (this.doneMs + current) / this.totalMs);
  }

  progress(): PullProgress {
    return {
      phase: this.phase,
      logGroup: this.logGroup,
      pages: this.pages,
      events: this.events,
      bytes: this.bytes,
      rangeStart: this.range.start,
      rangeEnd: this.range.end,
      coveredFrom: this.firstEventTs,
      coveredTo: this.lastEventTs,
      fraction: this.fraction(),
      counts: { ...this.counts },
      importIds: [...this.importIds],
    };
  }

  summary(
    base: Pick<PullSummary, 'mode' | 'region' | 'endpoint'>,
    status: PullSummary['status'],
  ): PullSummary {
    const {
      phase: _phase,
      coveredFrom: _from,
      coveredTo: _to,
      fraction: _fraction,
      ...progress
    } = this.progress();
    return {
      ...base,
      ...progress,
      status,
      firstEventTs: this.firstEventTs,
      lastEventTs: this.lastEventTs,
      resumed: this.resumed,
      notes: [...this.notes],
    };
  }
}
