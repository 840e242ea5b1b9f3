// IPv4 text ↔ number, and CIDR blocks as inclusive numeric ranges. Strict dotted quads only:
// "010.1.1.1" or "1.2.3" are refused rather than guessed at, because logs store canonical text.

/**
 * The address as an unsigned 32-bit number, or null when `text` is not a canonical dotted quad
 * (no leading zero, each part ≤ 255). A character loop rather than split and a pattern: the import
 * runs it on every row's client (ingest/address-geo-memo.ts, rollup-window.ts).
 */
export function ipv4ToNumber(text: string): number | null {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return null;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
      continue;
    }
    const d = c - 48;
    // A leading zero is another way to write the same address: refused, so none is conflated.
    if (d < 0 || d > 9 || (digits > 0 && part === 0)) return null;
    part = part * 10 + d;
    if (part > 255) return null;
    digits++;
  }
  return dots === 3 && digits > 0 ? value * 256 + part : null;
}

/** The dotted quad of an unsigned 32-bit number (the one plain way it is written). */
export function numberToIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

export interface Cidr {
  base: string;
  prefix: number;
}

/** First and last address of the block (the base's host bits are ignored, as routers do). */
export function cidrRange(cidr: Cidr): { first: number; last: number } | null {
  const base = ipv4ToNumber(cidr.base);
  if (base === null || !Number.isInteger(cidr.prefix) || cidr.prefix < 0 || cidr.prefix > 32) return null;
  const size = 2 ** (32 - cidr.prefix);
  const first = Math.floor(base / size) * size;
  return { first, last: first + size - 1 };
}

/** A loose IPv6 shape check: hex groups and colons, at most one "::", optional IPv4 tail. */
export function looksLikeIpv6(text: string): boolean {
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return false;
  if ((text.match(/::/g) ?? []).length > 1) return false;
  const groups = text.split(':');
  return groups.length >= 3 && groups.length <= 8 && groups.every((g) => g.length <= 4 || g.includes('.'));
}
