import type { Session } from '../session.js';
import type { WebRequest } from '../web/request.js';
import { albWriter } from './alb.js';
import { cloudwatchCsvWriter } from './cloudwatch-csv.js';
import { combinedWriter } from './combined.js';
import type { FormatWriter, WebWriterContext, WriterContext } from './format-writer.js';
import { vpcFlowWriter } from './vpc-flow.js';
import { wafJsonWriter } from './waf-json.js';

/** Formats of the network model: one session is one row (or two VPC flow records). */
export const NETWORK_FORMATS = ['cloudwatch-csv', 'vpc-flow', 'waf-json'] as const;
/** Formats of the web model: access logs, one request per line. */
export const WEB_FORMATS = ['combined', 'alb'] as const;
export const OUTPUT_FORMATS = [...NETWORK_FORMATS, ...WEB_FORMATS] as const;
export type NetworkFormat = (typeof NETWORK_FORMATS)[number];
export type WebFormat = (typeof WEB_FORMATS)[number];
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const WRITERS: Record<NetworkFormat, (context: WriterContext) => FormatWriter> = {
  'cloudwatch-csv': cloudwatchCsvWriter,
  'vpc-flow': vpcFlowWriter,
  'waf-json': wafJsonWriter,
};

const WEB_WRITERS: Record<WebFormat, (context: WebWriterContext) => FormatWriter<WebRequest>> = {
  combined: combinedWriter,
  alb: albWriter,
};

export function isWebFormat(format: OutputFormat): format is WebFormat {
  return (WEB_FORMATS as readonly string[]).includes(format);
}

export function createWriter(format: NetworkFormat, context: WriterContext): FormatWriter<Session> {
  return WRITERS[format](context);
}

export function createWebWriter(format: WebFormat, context: WebWriterContext): FormatWriter<WebRequest> {
  return WEB_WRITERS[format](context);
}
