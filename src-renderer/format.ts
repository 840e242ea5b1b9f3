import type { Session } from '../src-shared/domain.js';

export { countOf, formatCount, formatShare } from '../src-shared/count-words.js';

/** UTC, second precision: log timestamps are compared across sources, not read as local time. */
export function formatTimestamp(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '');
}

export { formatBytes } from '../src-shared/format-bytes.js';

/**
 * "source → destination:port", or the source alone when the log names no destination (an access
 * log records the client, not the server's address): never "→ –".
 */
export function sessionRoute(s: Pick<Session, 'srcIp' | 'dstIp' | 'dstPort'>): string {
  if (s.dstIp === null) return s.srcIp;
  return `${s.srcIp} → ${s.dstIp}${s.dstPort !== null ? `:${s.dstPort}` : ''}`;
}

export function baseName(file: string | null): string {
  if (!file) return '(unknown file)';
  return file.split(/[\\/]/).pop() || file;
}
