// Runs a format parser over in-memory text (optionally in fixed-size chunks) and collects what it emits.

import { formatById } from '../../../src-main/core/ingest/formats/index.js';
import { asciiBytes } from '../../../src-main/core/ingest/source.js';
import type { RecordSink, SessionRow } from '../../../src-main/core/ingest/types.js';
import type { FormatId, MappingPreset } from '../../../src-shared/domain.js';

export interface Bad {
  line: number;
  raw: string;
  reason: string;
}

export interface Parsed {
  rows: SessionRow[];
  bads: Bad[];
}

export function parseText(
  format: FormatId,
  text: string,
  options: { preset?: MappingPreset; chunk?: number } = {},
): Parsed {
  const parsed: Parsed = { rows: [], bads: [] };
  const sink: RecordSink = {
    row: (row) => parsed.rows.push(row),
    bad: (line, raw, reason) => parsed.bads.push({ line, raw, reason }),
  };
  const parser = formatById(format).createParser({ preset: options.preset });
  const size = options.chunk ?? text.length;
  for (let at = 0; at < text.length; at += Math.max(size, 1)) {
    const piece = text.slice(at, at + size);
    parser.push(piece, sink, asciiBytes(piece, Buffer.from(piece)));
  }
  parser.end(sink);
  return parsed;
}

export function attrsOf(row: SessionRow): Record<string, string> | null {
  return row.attrs === null ? null : (JSON.parse(row.attrs) as Record<string, string>);
}
