const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : integer.format(value);
}

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
