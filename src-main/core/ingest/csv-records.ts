import { LineSplitter } from './lines.js';

const MAX_RECORD_CHARS = 1 << 21;

/**
 * Streaming RFC 4180 reader: quoted fields, doubled quotes, newlines inside quotes, CRLF.
 * Written here rather than taken from csv-parse/papaparse because the ingest target
 * (rows/s ≥ sqlite3 .import) needs a fast path: most log lines have no quote at all and are
 * split with one native `split(',')`, which the general-purpose parsers do not do.
 */
export class CsvRecordReader {
  private readonly lines: LineSplitter;
  private open: string | null = null;
  private openLine = 0;

  constructor(
    private readonly onRecord: (fields: string[], line: number, raw: string) => void,
    private readonly onBad: (line: number, raw: string, reason: string) => void,
    /**
     * A fast lane for lines without quotes (`at`: the line's offset in the text last pushed, -1
     * when joined across pushes): true when it took the line, else the line is split as usual.
     */
    private readonly onPlainLine: (line: string, lineNo: number, at: number) => boolean = () => false,
  ) {
    this.lines = new LineSplitter(
      (line, lineNo, at) => this.onLine(line, lineNo, at),
      (head, lineNo) => this.tooLong(head, lineNo),
    );
  }

  push(text: string): void {
    this.lines.push(text);
  }

  end(): void {
    this.lines.end();
    if (this.open !== null) {
      this.onBad(this.openLine, this.open.slice(0, 4096), 'unterminated quoted field at end of input');
      this.open = null;
    }
  }

  private onLine(line: string, lineNo: number, at: number): void {
    if (this.open === null) {
      if (line.indexOf('"') === -1) {
        if (!this.onPlainLine(line, lineNo, at)) this.onRecord(line.split(','), lineNo, line);
        return;
      }
      if (countQuotes(line) % 2 === 0) {
        this.onRecord(splitQuoted(line), lineNo, line);
        return;
      }
      this.open = line;
      this.openLine = lineNo;
      return;
    }
    this.open = `${this.open}\n${line}`;
    if (countQuotes(line) % 2 === 1) {
      const record = this.open;
      this.open = null;
      this.onRecord(splitQuoted(record), this.openLine, record);
    } else if (this.open.length > MAX_RECORD_CHARS) {
      this.onBad(this.openLine, this.open.slice(0, 4096), 'unterminated quoted field (record over 2 MiB)');
      this.open = null;
    }
  }

  private tooLong(head: string, lineNo: number): void {
    if (this.open !== null) {
      this.onBad(this.openLine, this.open.slice(0, 4096), 'unterminated quoted field');
      this.open = null;
    }
    this.onBad(lineNo, head, 'line longer than 1 MiB');
  }
}

function countQuotes(text: string): number {
  let count = 0;
  let at = text.indexOf('"');
  while (at !== -1) {
    count++;
    at = text.indexOf('"', at + 1);
  }
  return count;
}

/** Splits one complete record that contains quotes. Stray quotes inside unquoted fields are kept. */
export function splitQuoted(record: string): string[] {
  const fields: string[] = [];
  const n = record.length;
  let i = 0;
  for (;;) {
    if (record.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = record.indexOf('"', from);
        if (q === -1) {
          value += record.slice(from);
          i = n;
          break;
        }
        value += record.slice(from, q);
        if (record.charCodeAt(q + 1) === 34) {
          value += '"';
          from = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the comma is kept, as lenient readers do.
      const comma = record.indexOf(',', i);
      if (comma === -1) {
        fields.push(value + record.slice(i));
        return fields;
      }
      fields.push(value + record.slice(i, comma));
      i = comma + 1;
    } else {
      const comma = record.indexOf(',', i);
      if (comma === -1) {
        fields.push(record.slice(i));
        return fields;
      }
      fields.push(record.slice(i, comma));
      i = comma + 1;
    }
  }
}
