// Shared reader for line-based text formats (access logs, ALB, CloudFront, Zeek): one record per
// line, blank lines skipped, header and directive lines left to the format. Each line becomes a
// row or a quarantined record; a bad line never affects its neighbours.
import { LineSplitter } from '../lines.js';
import type { FormatParser, RecordSink, SessionRow } from '../types.js';
import { RowError } from '../values.js';

export abstract class LineRecordParser implements FormatParser {
  private sink: RecordSink | null = null;
  /** The piece being read as bytes, when it is all ASCII (for a format's fast lane). */
  private ascii: Buffer | null = null;
  private readonly lines = new LineSplitter(
    (line, lineNo, at) => this.onLine(line, lineNo, at),
    (head, lineNo) => this.sink?.bad(lineNo, head, 'line longer than 1 MiB'),
  );

  push(text: string, sink: RecordSink, ascii: Buffer | null = null): void {
    this.sink = sink;
    this.ascii = ascii;
    this.lines.push(text);
    this.ascii = null;
  }

  end(sink: RecordSink): void {
    this.sink = sink;
    this.lines.end();
  }

  /** Normalizes one line; throws RowError with the reason when it cannot be a row. */
  protected abstract toRow(line: string, lineNo: number): SessionRow;

  /** Handles a line that is not a record (a header, a directive) and says so; none by default. */
  protected directive(_line: string, _lineNo: number): boolean {
    return false;
  }

  /**
   * A format's fast lane: the row of a line that `bytes[at, at + line.length)` holds as ASCII, or
   * null to read it the general way (toRow). None by default.
   */
  protected fastRow(_line: string, _bytes: Buffer, _at: number, _lineNo: number): SessionRow | null {
    return null;
  }

  private onLine(line: string, lineNo: number, at: number): void {
    const sink = this.sink;
    if (sink === null || isBlank(line) || this.directive(line, lineNo)) return;
    if (this.ascii !== null && at >= 0) {
      const row = this.fastRow(line, this.ascii, at, lineNo);
      if (row !== null) {
        sink.row(row);
        return;
      }
    }
    try {
      sink.row(this.toRow(line, lineNo));
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      sink.bad(lineNo, line, error.message);
    }
  }
}

/** True for an empty line or one of spaces/tabs only (not a record, not counted). */
export function isBlank(line: string): boolean {
  if (line.length === 0) return true;
  const first = line.charCodeAt(0);
  if (first !== 32 && first !== 9) return false;
  return line.trim() === '';
}

/** The whole-record checks of a text line: a decoding error or a NUL anywhere refuses it. */
export function checkRecordText(line: string): void {
  if (line.indexOf('\uFFFD') !== -1) throw new RowError('invalid UTF-8 bytes in the record');
  if (line.indexOf('\0') !== -1) throw new RowError('NUL byte in the record');
}
