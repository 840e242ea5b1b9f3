// Field converters for values that may arrive as JSON numbers, booleans or strings (JSON lines)
// or as plain strings (mapped CSV). Strings go through the shared validators in values.ts so every
// format words its quarantine reasons the same way.
import { count, optionalIp, RowError, requiredIp, type TimestampFormat, text, timestamp } from '../values.js';

export function anyText(value: unknown, field: string): string | null {
  if (typeof value === 'string') return text(value, field);
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new RowError(`${field}: expected text, found ${kind(value)}`);
}

export function anyCount(value: unknown, field: string): number | null {
  if (typeof value === 'string') return count(value, field);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number') throw new RowError(`${field}: expected a number, found ${kind(value)}`);
  if (!Number.isInteger(value)) throw new RowError(`${field}: not a whole number: ${value}`);
  if (value < 0) throw new RowError(`${field}: negative (${value})`);
  if (value > Number.MAX_SAFE_INTEGER) throw new RowError(`${field}: too large`);
  return value;
}

export function anyPort(value: unknown, field: string): number | null {
  const n = anyCount(value, field);
  if (n !== null && n > 65535) throw new RowError(`${field}: port out of range (${n})`);
  return n;
}

export function anyIp(value: unknown, field: string, required: boolean): string | null {
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw new RowError(`${field}: not an IP address (found ${kind(value)})`);
  }
  return required ? requiredIp(value ?? undefined, field) : optionalIp(value ?? undefined, field);
}

// Epoch values below this are read as seconds, above as milliseconds (as values.ts does for text).
const EPOCH_MS_THRESHOLD = 10_000_000_000;

/** A required timestamp from a JSON number (epoch) or a string in any form `timestamp` reads. */
export function anyTimestamp(value: unknown, field: string, format: TimestampFormat): number {
  if (typeof value === 'string' || value === undefined || value === null) {
    return timestamp(value ?? undefined, field, format);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RowError(
      `${field}: not a timestamp: ${typeof value === 'number' ? value : `found ${kind(value)}`}`,
    );
  }
  if (format === 'iso')
    throw new RowError(`${field}: expected an ISO-8601 timestamp, found the number ${value}`);
  const seconds = format === 'epoch-s' || (format === 'auto' && value < EPOCH_MS_THRESHOLD);
  return Math.round(seconds ? value * 1000 : value);
}

/** Two-letter country code, upper-cased; '' and '-' are missing. */
export function countryCode(value: unknown, field: string): string | null {
  const code = anyText(value, field);
  if (code === null) return null;
  if (code.length !== 2 || !isLetter(code.charCodeAt(0)) || !isLetter(code.charCodeAt(1))) {
    throw new RowError(`${field}: not a two-letter country code: ${code.slice(0, 20)}`);
  }
  return code.toUpperCase();
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function kind(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
