import type { FormatId } from '../../../../src-shared/domain.js';
import { UNRECOGNISED_FORMAT } from '../../../../src-shared/import-formats.js';
import type { FormatDefinition } from '../types.js';
import { alb } from './alb.js';
import { cloudfront } from './cloudfront.js';
import { cloudwatchCsv } from './cloudwatch-csv.js';
import { combined } from './combined.js';
import { logFormat } from './log-format.js';
import { mappedCsv, mappedJsonl } from './mapped.js';
import { sessionJsonl } from './session-jsonl.js';
import { sessionTsv } from './session-tsv.js';
import { suricataEve } from './suricata-eve.js';
import { vpcFlow } from './vpc-flow.js';
import { wafJson } from './waf-json.js';
import { zeekConn } from './zeek-conn.js';
import { zeekHttp } from './zeek-http.js';

/**
 * Every importer, in detection order. Mapped formats and log-format are never auto-detected: they
 * need a preset (or, for log-format, the server's format string).
 */
export const formats: FormatDefinition[] = [
  cloudwatchCsv,
  vpcFlow,
  wafJson,
  combined,
  alb,
  cloudfront,
  zeekHttp,
  zeekConn,
  suricataEve,
  mappedCsv,
  mappedJsonl,
  logFormat,
  sessionJsonl,
  sessionTsv,
];

export function formatById(id: FormatId): FormatDefinition {
  const format = formats.find((f) => f.id === id);
  if (!format) throw new Error(`Unknown format "${id}". Known: ${formats.map((f) => f.id).join(', ')}`);
  return format;
}

export function detectFormat(head: string, fileName: string): FormatDefinition {
  let best: FormatDefinition | null = null;
  let bestScore = 0;
  for (const format of formats) {
    const score = format.detect(head, fileName);
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  if (!best || bestScore < 0.5) {
    throw new Error(
      `${UNRECOGNISED_FORMAT} ${fileName}. Pass --format (${formats.map((f) => f.id).join(', ')}), a mapping preset with --map, or a web server's format string with --log-format.`,
    );
  }
  return best;
}
