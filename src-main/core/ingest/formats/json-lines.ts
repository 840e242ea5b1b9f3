// Shared reader for JSON-lines formats: one JSON object per line. Each line becomes a row or a
// quarantined record; a bad line never affects its neighbours.
import { LineSplitter } from '../lines.js';
import type { FormatParser, RecordSink, SessionRow } from '../types.js';
import { clip, RowError } from '../values.js';

export type JsonObject = Record<string, unknown>;

export abstract class JsonLinesParser implements FormatParser {
  private sink: RecordSink | null = null;
  private readonly lines = new LineSplitter(
    (line, lineNo) => this.onLine(line, lineNo),
    (head, lineNo) => this.sink!.bad(lineNo, head, 'line longer than 1 MiB'),
  );

  push(text: string, sink: RecordSink): void {
    this.sink = sink;
    this.lines.push(text);
  }

  end(sink: RecordSink): void {
    this.sink = sink;
    this.lines.end();
  }

  /** Normalizes one parsed object; throws RowError with the reason when it cannot be a row. */
  protected abstract toRow(record: JsonObject, line: number): SessionRow;

  private onLine(line: string, lineNo: number): void {
    if (isBlank(line)) return;
    const sink = this.sink!;
    // Checked on the whole line once: a decoding error anywhere means the record is not what was logged.
    if (line.indexOf('\uFFFD') !== -1) {
      sink.bad(lineNo, line, 'invalid UTF-8 bytes in the record');
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      sink.bad(lineNo, line, `invalid JSON: ${clip((error as Error).message)}`);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      sink.bad(lineNo, line, `not a JSON object (found ${describe(value)})`);
      return;
    }
    try {
      sink.row(this.toRow(value as JsonObject, lineNo));
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      sink.bad(lineNo, line, error.message);
    }
  }
}

/** True for an empty line or one of spaces/tabs only (not a record, not counted). */
function isBlank(line: string): boolean {
  if (line.length === 0) return true;
  const first = line.charCodeAt(0);
  if (first !== 32 && first !== 9) return false;
  return line.trim() === '';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'number'
    ? 'a number'
    : typeof value === 'string'
      ? 'a string'
      : `a ${typeof value}`;
}

/** The object at `value`, or null when it is absent or not an object. */
export function objectOrNull(value: unknown): JsonObject | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : null;
}
