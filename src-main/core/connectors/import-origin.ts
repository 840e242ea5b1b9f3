// The text a pulled import keeps as its origin (imports.origin): where its records came from, in
// words an analyst reads in `vigil imports` and the Import view, kept after the source is removed.
// Never a password: a source's URL holds no credentials (refused at `source add`).
import type { SourceInfo } from '../../../src-shared/sources.js';

/** An instant as ISO 8601 UTC, without milliseconds when there are none. */
function instant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function range(start: number, end: number): string {
  return `${instant(start)} – ${instant(end)}`;
}

/** `clickhouse source NAME: URL DATABASE.TABLE, filter 'FILTER' (or no filter), START – END`. */
export function clickhouseOrigin(
  source: Pick<SourceInfo, 'name' | 'kind' | 'url' | 'database' | 'table'>,
  selector: string,
  asked: { start: number; end: number },
): string {
  const filter = selector === '' ? 'no filter' : `filter '${selector}'`;
  return `${source.kind} source ${source.name}: ${source.url} ${source.database}.${source.table}, ${filter}, ${range(asked.start, asked.end)}`;
}

/**
 * `cloudwatch logs REGION log group GROUP[ via ENDPOINT][, streams A, B][, filter pattern 'P']
 * [, insights query 'Q'], START – END`.
 */
export function cloudwatchOrigin(
  request: {
    region: string;
    endpoint?: string;
    logGroup: string;
    streams?: string[];
    filterPattern?: string;
    insightsQuery?: string;
  },
  asked: { start: number; end: number },
): string {
  const parts = [`cloudwatch logs ${request.region} log group ${request.logGroup}`];
  if (request.endpoint) parts[0] += ` via ${request.endpoint}`;
  if (request.streams?.length) parts.push(`streams ${request.streams.join(', ')}`);
  if (request.filterPattern !== undefined) parts.push(`filter pattern '${request.filterPattern}'`);
  if (request.insightsQuery !== undefined) parts.push(`insights query '${request.insightsQuery}'`);
  parts.push(range(asked.start, asked.end));
  return parts.join(', ');
}
