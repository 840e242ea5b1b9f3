import type { FormatId, MappingPreset } from '../../../src-shared/domain.js';
import type { LogFieldValues } from '../../../src-shared/fields/index.js';

/**
 * One session, normalized from any format, before enrichment and storage: a value for every field
 * the field table says an importer fills (src-shared/fields, origin 'log'), then what the import
 * keeps beside them.
 */
export interface SessionRow extends LogFieldValues {
  /** Extra source fields kept as a JSON object string, or null. */
  attrs: string | null;
  /**
   * The source's own id for this event (a WAF request id, a CloudWatch Logs event id), where it has
   * one: then it, with the fields, is the session's key, instead of its occurrence among identical
   * rows of the import (session-key.ts).
   */
  eventId?: string | null;
  /** 1-based physical line where the record starts. */
  line: number;
  /**
   * A detection the source itself made on this event (a Suricata alert): the batch codec carries
   * it to the writer, which stores it as a rule hit (ingest/import-rule-hits.ts). The same facts
   * are stored with the session as attributes (`alert.*`) and its rule name.
   */
  sourceRuleHit?: SourceRuleHit | null;
}

/** A rule hit reported by the log's own engine (Suricata), in the terms of Vigil's rule hits. */
export interface SourceRuleHit {
  /** Which engine fired: `suricata`. */
  engine: string;
  /** The engine's id of the rule (Suricata: `gid:sid:rev`). */
  ruleId: string;
  title: string;
  level: 'informational' | 'low' | 'medium' | 'high' | 'critical';
  /** The session field the hit is shown on, and its value, where the engine says or implies one. */
  matchedField: string | null;
  matchedValue: string | null;
}

/** Where a format parser sends each record it reads: a row, or a reason it cannot be one. */
export interface RecordSink {
  row(row: SessionRow): void;
  bad(line: number, raw: string, reason: string): void;
}

export interface FormatParser {
  /**
   * Consumes the next piece of decoded text (records may span pieces). `ascii` is the same piece
   * as bytes when it is all ASCII (character i is byte i), for parsers that read bytes.
   */
  push(text: string, sink: RecordSink, ascii?: Buffer | null): void;
  /** Flushes a final record that had no line terminator. */
  end(sink: RecordSink): void;
}

export interface FormatOptions {
  preset?: MappingPreset;
}

export interface FormatDefinition {
  id: FormatId;
  label: string;
  /** Confidence 0..1 that `head` (the file's first decoded text) is this format. */
  detect(head: string, fileName: string): number;
  createParser(options: FormatOptions): FormatParser;
}
