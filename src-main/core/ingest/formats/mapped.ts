// Formats driven by a mapping preset: any CSV with a header row, or any JSON lines, whose columns
// (or keys, or dotted paths) the analyst has named. Never auto-detected: a preset says what they mean.
import { AttrsEncoder } from '../attrs.js';
import { CsvRecordReader } from '../csv-records.js';
import type { FormatDefinition, FormatParser, RecordSink } from '../types.js';
import { RowError, text } from '../values.js';
import { JsonLinesParser, type JsonObject } from './json-lines.js';
import { ExtrasJson } from './mapped-extras.js';
import { MappedRowBuilder, needPreset } from './mapped-row.js';

export const mappedCsv: FormatDefinition = {
  id: 'mapped-csv',
  label: 'CSV with a column-mapping preset',
  detect: () => 0,
  createParser: ({ preset }) => new MappedCsvParser(new MappedRowBuilder(needPreset('mapped-csv', preset))),
};

export const mappedJsonl: FormatDefinition = {
  id: 'mapped-jsonl',
  label: 'JSON lines with a key-mapping preset',
  detect: () => 0,
  createParser: ({ preset }) =>
    new MappedJsonlParser(new MappedRowBuilder(needPreset('mapped-jsonl', preset))),
};

class MappedCsvParser implements FormatParser {
  private sink: RecordSink | null = null;
  private readonly reader = new CsvRecordReader(
    (fields, line, raw) => this.onRecord(fields, line, raw),
    (line, raw, reason) => this.sink!.bad(line, raw, reason),
    undefined,
    () => this.width,
  );
  /** Column index per mapped slot (-1: unmapped); null until the header is read. */
  private index: number[] | null = null;
  private width = 0;
  private extras: number[] = [];
  private extraNames: string[] = [];
  private attrs = new AttrsEncoder([]);
  private readonly values: unknown[];
  private extraValues: (string | undefined)[] = [];

  constructor(private readonly builder: MappedRowBuilder) {
    this.values = new Array(builder.columns.length);
  }

  push(chunk: string, sink: RecordSink): void {
    this.sink = sink;
    this.reader.push(chunk);
  }

  end(sink: RecordSink): void {
    this.sink = sink;
    this.reader.end();
  }

  private onRecord(fields: string[], line: number, raw: string): void {
    if (fields.length === 1 && fields[0] === '') return; // blank line: not a record
    if (this.index === null) {
      this.readHeader(fields);
      return;
    }
    const sink = this.sink!;
    if (fields.length !== this.width) {
      sink.bad(line, raw, `expected ${this.width} fields, found ${fields.length}`);
      return;
    }
    if (raw.indexOf('\uFFFD') !== -1) {
      sink.bad(line, raw, 'invalid UTF-8 bytes in the record');
      return;
    }
    try {
      const index = this.index;
      const values = this.values;
      for (let s = 0; s < index.length; s++) values[s] = index[s] === -1 ? undefined : fields[index[s]!];
      const extraValues = this.extraValues;
      for (let i = 0; i < this.extras.length; i++) {
        extraValues[i] = text(fields[this.extras[i]!], this.extraNames[i]!) ?? undefined;
      }
      sink.row(this.builder.build(values, this.attrs.encode(extraValues), line));
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      sink.bad(line, raw, error.message);
    }
  }

  private readHeader(fields: string[]): void {
    const names = fields.map((name) => name.trim());
    const lower = names.map((name) => name.toLowerCase());
    const missing: string[] = [];
    // Exact name first; a case-insensitive match lets one preset serve exports that differ in case.
    this.index = this.builder.columns.map((column) => {
      if (column === undefined) return -1;
      let at = names.indexOf(column);
      if (at === -1) at = lower.indexOf(column.toLowerCase());
      if (at === -1) missing.push(column);
      return at;
    });
    if (missing.length > 0) {
      throw new Error(
        `The CSV header lacks ${missing.map((m) => `"${m}"`).join(', ')}, named by mapping preset "${this.builder.presetName}"`,
      );
    }
    const used = new Set(this.index);
    this.extras = names.map((_, i) => i).filter((i) => !used.has(i));
    this.extraNames = this.extras.map((i) => names[i]!);
    this.extraValues = new Array(this.extras.length);
    this.attrs = new AttrsEncoder(this.extraNames);
    this.width = fields.length;
  }
}

class MappedJsonlParser extends JsonLinesParser {
  private readonly keys: readonly (string | undefined)[];
  /** Dotted keys split into paths, tried when the record has no key with the literal name. */
  private readonly paths: (string[] | null)[];
  private readonly values: unknown[];
  private readonly extras: ExtrasJson;

  constructor(private readonly builder: MappedRowBuilder) {
    super();
    this.keys = builder.columns;
    this.paths = builder.columns.map((key) => (key?.includes('.') ? key.split('.') : null));
    this.values = new Array(builder.columns.length);
    this.extras = new ExtrasJson(new Set(builder.columns.filter((key) => key !== undefined)));
  }

  protected toRow(record: JsonObject, line: number) {
    const values = this.values;
    for (let s = 0; s < this.keys.length; s++) {
      const key = this.keys[s];
      if (key === undefined) {
        values[s] = undefined;
        continue;
      }
      const value = record[key];
      const path = this.paths[s] ?? null;
      values[s] = value !== undefined || path === null ? value : walk(record, path);
    }
    return this.builder.build(values, this.extras.encode(record), line);
  }
}

function walk(record: JsonObject, path: string[]): unknown {
  let at: unknown = record;
  for (let i = 0; i < path.length; i++) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) return undefined;
    at = (at as JsonObject)[path[i]!];
  }
  return at;
}
