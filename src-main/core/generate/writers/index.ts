import { cloudwatchCsvWriter } from './cloudwatch-csv.js';
import type { FormatWriter, WriterContext } from './format-writer.js';
import { vpcFlowWriter } from './vpc-flow.js';
import { wafJsonWriter } from './waf-json.js';

export const OUTPUT_FORMATS = ['cloudwatch-csv', 'vpc-flow', 'waf-json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const WRITERS: Record<OutputFormat, (context: WriterContext) => FormatWriter> = {
  'cloudwatch-csv': cloudwatchCsvWriter,
  'vpc-flow': vpcFlowWriter,
  'waf-json': wafJsonWriter,
};

export function createWriter(format: OutputFormat, context: WriterContext): FormatWriter {
  return WRITERS[format](context);
}
