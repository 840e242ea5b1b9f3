// Labels kept beside a log rather than in it: a CSV of `line,label` (what `vigil generate` writes
// as PATH.labels.csv, or an exercise's list of the lines that were attacks), read as the log is
// parsed, so a labelled access log can be judged by a model's evaluation without editing the
// database by hand. The label of each record is the one given for the line it starts on; a line
// without one keeps the log's own label (none, for access logs). Both files are read in line
// order, a chunk at a time: the sidecar of a 10 M-line log is never held whole.
import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { LineSplitter } from './lines.js';
import type { RecordSink, SessionRow } from './types.js';

const CHUNK_BYTES = 1 << 16;
const MAX_LABEL_CHARS = 200;
const MAX_LINE_CHARS = 4096;

/** Refused sidecar content, with the sidecar's name and line: the import fails and keeps nothing. */
export class LabelSidecarError extends Error {}

/** The sidecar's lines one by one (the import's own LineSplitter), read a chunk at a time. */
class SidecarLines {
  private fd: number | null;
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  // A UTF-8 character cut by a chunk's end waits for the next chunk.
  private readonly decoder = new StringDecoder('utf8');
  private readonly splitter: LineSplitter;
  private readonly ready: string[] = [];
  private at = 0;
  private ended = false;
  lineNo = 0;

  constructor(file: string, name: string) {
    this.fd = fs.openSync(file, 'r');
    this.splitter = new LineSplitter(
      (line) => this.ready.push(line),
      // A row of a line number and a label never comes near this: not a labels file.
      (_head, lineNo) => {
        throw new LabelSidecarError(
          `Labels file ${name}, line ${lineNo}: longer than ${MAX_LINE_CHARS} characters (not a labels file).`,
        );
      },
      MAX_LINE_CHARS,
    );
  }

  next(): string | null {
    while (this.at === this.ready.length) {
      if (this.ended) return null;
      this.ready.length = 0;
      this.at = 0;
      const n = this.fd === null ? 0 : fs.readSync(this.fd, this.buffer, 0, CHUNK_BYTES, null);
      if (n === 0) {
        this.ended = true;
        this.splitter.push(this.decoder.end());
        this.splitter.end();
      } else this.splitter.push(this.decoder.write(this.buffer.subarray(0, n)));
    }
    this.lineNo++;
    return this.ready[this.at++] as string;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

/** The label of a `line,label` row: bare, or quoted as CSV quotes (`"a ""b"""`). */
function labelOf(text: string): string {
  if (!text.startsWith('"')) return text.trim();
  if (!text.endsWith('"') || text.length < 2) throw new Error('an unclosed quote');
  return text.slice(1, -1).replaceAll('""', '"');
}

export class LabelSidecar {
  private readonly lines: SidecarLines;
  private readonly name: string;
  /** The next entry of the sidecar not yet reached by the log, or null at its end. */
  private entry: { line: number; label: string } | null = null;
  private lastLine = 0;

  constructor(file: string) {
    this.name = path.basename(file);
    try {
      this.lines = new SidecarLines(file, this.name);
    } catch (error) {
      throw new LabelSidecarError(`Labels file ${this.name} cannot be read: ${(error as Error).message}.`);
    }
    try {
      const header = this.lines.next();
      if (
        header
          ?.replace(/^\uFEFF/, '')
          .trim()
          .toLowerCase() !== 'line,label'
      )
        this.fail('the first line must be the header "line,label"');
      this.advance();
    } catch (error) {
      this.lines.close();
      throw error;
    }
  }

  /** A sink that labels each record by its line, then hands it to `sink`. */
  wrap(sink: RecordSink): RecordSink {
    return {
      row: (row: SessionRow) => {
        this.label(row);
        sink.row(row);
      },
      bad: (line, raw, reason) => {
        this.dropLabelOf(line);
        sink.bad(line, raw, reason);
      },
    };
  }

  /** At the log's end: an entry past its last record means the sidecar belongs to another log. */
  finish(): void {
    try {
      if (this.entry !== null)
        this.fail(
          `a label for line ${this.entry.line}, past the log's last record (line ${this.lastLine}): is it this log's labels file?`,
        );
    } finally {
      this.lines.close();
    }
  }

  close(): void {
    this.lines.close();
  }

  private label(row: SessionRow): void {
    this.skipTo(row.line);
    if (this.entry !== null && this.entry.line === row.line) {
      row.label = this.entry.label;
      this.advance();
    }
  }

  /**
   * A quarantined record stores nothing to label: the label of its line goes with it, so a
   * quarantined last line leaves no label past the last record for finish() to refuse.
   */
  private dropLabelOf(line: number): void {
    this.skipTo(line);
    if (this.entry !== null && this.entry.line === line) this.advance();
  }

  /** Passes the entries of lines before `line` (lines inside a multi-line record, or quarantined ones). */
  private skipTo(line: number): void {
    this.lastLine = Math.max(this.lastLine, line);
    while (this.entry !== null && this.entry.line < line) this.advance();
  }

  private advance(): void {
    const previous = this.entry?.line ?? 0;
    for (;;) {
      const text = this.lines.next();
      if (text === null) {
        this.entry = null;
        return;
      }
      if (text.trim() === '') continue;
      const comma = text.indexOf(',');
      const lineText = comma < 0 ? text : text.slice(0, comma);
      if (!/^\d{1,12}$/.test(lineText.trim()) || Number(lineText) < 1)
        this.fail(`"${lineText.slice(0, 40)}" is not a line number (1 or more)`);
      const line = Number(lineText);
      if (line <= previous)
        this.fail(`line ${line} comes after line ${previous}: give the lines in order, once each`);
      let label: string;
      try {
        label = comma < 0 ? '' : labelOf(text.slice(comma + 1));
      } catch (error) {
        this.fail(`the label has ${(error as Error).message}`);
      }
      if (label === '') this.fail("the label is empty (leave the line out to keep the log's own)");
      if (label.length > MAX_LABEL_CHARS) this.fail(`the label is longer than ${MAX_LABEL_CHARS} characters`);
      this.entry = { line, label };
      return;
    }
  }

  private fail(reason: string): never {
    // A reason that asks a question ends with its own mark, not a full stop after it.
    const end = reason.endsWith('?') ? '' : '.';
    throw new LabelSidecarError(`Labels file ${this.name}, line ${this.lines.lineNo}: ${reason}${end}`);
  }
}
