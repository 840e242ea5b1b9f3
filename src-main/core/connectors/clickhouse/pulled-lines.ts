// The engine's answer to a pull (TabSeparatedWithNames) made into spool lines without decoding it:
// each row is spooled as the engine wrote it, behind its occurrence key, and the import reads it as
// session TSV (ingest/formats/session-tsv.ts). Decoding JSON rows here and encoding them again
// took this thread about a second per 100 000 rows, and the import parsed them a second time.
import { eventSpoolLine } from '../../ingest/event-spool.js';
import { ALIAS_PREFIX } from './select.js';

/**
 * The key of a row among the pulled ones: rows identical in every field share a time, and a pull
 * always takes every row of a time, so the n-th copy of a row is the same copy in any pull that
 * overlaps this one. With the fields it makes the session's key (ingest's event id): an overlap is
 * found as duplicates, and copies the source really holds are all kept.
 */
class Occurrences {
  private ts: string | null = null;
  private seen = new Map<string, number>();
  next(ts: string, text: string): string {
    if (ts !== this.ts) {
      this.ts = ts;
      this.seen = new Map();
    }
    const n = (this.seen.get(text) ?? 0) + 1;
    this.seen.set(text, n);
    return `r${n}`;
  }
}

export interface PulledEvent {
  timestamp: number;
  message: string;
}

/** Spool lines not yet written, with what the tally and the watermark need of them. */
export class PulledLines {
  /** The header the import reads the rows by (Vigil's field names), once the answer's first line came. */
  header: string | null = null;
  lines: string[] = [];
  events: PulledEvent[] = [];
  maxTs: number | null = null;
  private bytes = 0;
  private timeColumn = -1;
  private readonly occurrences = new Occurrences();

  /** Takes the answer's next lines, its header first; returns how many rows they held. */
  add(answer: string[]): number {
    let rows = 0;
    for (const row of answer) {
      if (this.header === null) {
        this.readHeader(row);
        continue;
      }
      const ts = fieldAt(row, this.timeColumn);
      const timestamp = Number(ts);
      this.lines.push(eventSpoolLine(this.occurrences.next(ts, row), row));
      this.events.push({ timestamp, message: row });
      this.bytes += row.length;
      rows++;
      // A row without a time is quarantined by the import; it moves no watermark.
      if (Number.isFinite(timestamp) && (this.maxTs === null || timestamp > this.maxTs))
        this.maxTs = timestamp;
    }
    return rows;
  }

  /** Time to write: a megabyte gathered, or as many rows as the chunk has room for. */
  full(roomRows: number): boolean {
    return this.bytes >= 1024 * 1024 || this.lines.length >= roomRows;
  }

  take(): { lines: string[]; events: PulledEvent[]; maxTs: number | null } {
    const taken = { lines: this.lines, events: this.events, maxTs: this.maxTs };
    this.lines = [];
    this.events = [];
    this.maxTs = null;
    this.bytes = 0;
    return taken;
  }

  private readHeader(line: string): void {
    // The SELECT names every column by its field behind a prefix (select.ts).
    const names = line.split('\t').map((alias) => alias.slice(ALIAS_PREFIX.length));
    this.timeColumn = names.indexOf('startTs');
    if (this.timeColumn === -1)
      throw new Error(`The source's answer has no startTs column: ${line.slice(0, 200)}`);
    this.header = names.join('\t');
  }
}

/** The text of column `column` of a TSV row (escaped as the engine wrote it). */
function fieldAt(row: string, column: number): string {
  let start = 0;
  for (let i = 0; i < column; i++) start = row.indexOf('\t', start) + 1;
  const end = row.indexOf('\t', start);
  return end === -1 ? row.slice(start) : row.slice(start, end);
}
