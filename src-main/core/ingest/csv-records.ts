import { LineSplitter } from './lines.js';

const MAX_RECORD_CHARS = 1 << 21;

/**
 * Streaming RFC 4180 reader: quoted fields, doubled quotes, newlines inside quotes, CRLF.
 * Written here rather than taken from csv-parse/papaparse because the ingest target
 * (rows/s ≥ sqlite3 .import) needs a fast path: most log lines have no quote at all and are
 * split with one native `split(',')`, which the general-purpose parsers do not do.
 *
 * A quote that opens a field and never closes would, by the letter of RFC 4180, swallow every line
 * after it into that field. So a record that runs over lines is held as its lines and checked when
 * it ends: if it then has the wrong number of fields (or never closes: end of input, 2 MiB, an
 * over-long line), its first line is quarantined and the lines after it are read again as records
 * of their own. One stray quote then costs one line. Two stray quotes whose lines join into a
 * record of exactly the right width are still read as one record: that is what the CSV says.
 */
export class CsvRecordReader {
  private readonly lines: LineSplitter;
  /** The lines of a record whose quoted field is still open (empty: none open). */
  private open: string[] = [];
  private openLine = 0;
  private openChars = 0;

  constructor(
    private readonly onRecord: (fields: string[], line: number, raw: string) => void,
    private readonly onBad: (line: number, raw: string, reason: string) => void,
    /**
     * A fast lane for lines without quotes (`at`: the line's offset in the text last pushed, -1
     * when joined across pushes or read again): true when it took the line, else it is split as usual.
     */
    private readonly onPlainLine: (line: string, lineNo: number, at: number) => boolean = () => false,
    /** Fields a record must have (0: not known yet, e.g. before the header): see the class comment. */
    private readonly width: () => number = () => 0,
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
    while (this.open.length > 0) this.readAgain('no closing quote before the end of the file');
  }

  private onLine(line: string, lineNo: number, at: number): void {
    if (this.open.length === 0) {
      if (line.indexOf('"') === -1) {
        if (!this.onPlainLine(line, lineNo, at)) this.onRecord(line.split(','), lineNo, line);
        return;
      }
      if (countQuotes(line) % 2 === 0) {
        this.onRecord(splitQuoted(line), lineNo, line);
        return;
      }
      this.open.push(line);
      this.openLine = lineNo;
      this.openChars = line.length;
      return;
    }
    this.open.push(line);
    this.openChars += line.length + 1;
    if (countQuotes(line) % 2 === 1) {
      const record = this.open.join('\n');
      const fields = splitQuoted(record);
      const width = this.width();
      if (width > 0 && fields.length !== width) {
        this.readAgain(`closing it on line ${lineNo} would give ${fields.length} fields, not ${width}`);
        return;
      }
      this.open = [];
      this.onRecord(fields, this.openLine, record);
    } else if (this.openChars > MAX_RECORD_CHARS) {
      this.readAgain('no closing quote within 2 MiB');
    }
  }

  /**
   * Quarantines the first line of the open record and reads its other lines again, each as the
   * start of a record (one of them may open another quoted field, which is then held as before).
   */
  private readAgain(why: string): void {
    const [first, ...rest] = this.open;
    const firstLine = this.openLine;
    this.open = [];
    this.onBad(firstLine, first!, `unterminated quoted field: ${why}`);
    for (let i = 0; i < rest.length; i++) this.onLine(rest[i]!, firstLine + 1 + i, -1);
  }

  private tooLong(head: string, lineNo: number): void {
    while (this.open.length > 0) this.readAgain('no closing quote before an over-long line');
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
