// IPv4 text ↔ number, and CIDR blocks as inclusive numeric ranges. Strict dotted quads only:
// "010.1.1.1" or "1.2.3" are refused rather than guessed at, because logs store canonical text.

const OCTET = /^(0|[1-9]\d{0,2})$/;

/** The address as an unsigned 32-bit number, or null when `text` is not a canonical dotted quad. */
export function ipv4ToNumber(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

export function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
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
