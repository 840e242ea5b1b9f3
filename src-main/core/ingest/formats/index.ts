import type { FormatId } from '../../../../src-shared/domain.js';
import type { FormatDefinition } from '../types.js';
import { cloudwatchCsv } from './cloudwatch-csv.js';
import { mappedCsv, mappedJsonl } from './mapped.js';
import { vpcFlow } from './vpc-flow.js';
import { wafJson } from './waf-json.js';

/** Every importer, in detection order. Mapped formats are never auto-detected: they need a preset. */
export const formats: FormatDefinition[] = [cloudwatchCsv, vpcFlow, wafJson, mappedCsv, mappedJsonl];

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
      `Could not recognise the format of ${fileName}. Pass --format (${formats.map((f) => f.id).join(', ')}) or a mapping preset with --map.`,
    );
  }
  return best;
}
