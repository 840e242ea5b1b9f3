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

export function baseName(file: string | null): string {
  if (!file) return '(unknown file)';
  return file.split(/[\\/]/).pop() || file;
}
