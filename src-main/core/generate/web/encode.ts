// How attack text reaches the server: raw (as tools send it unless told otherwise, spaces and all),
// percent-encoded as a browser would, double-encoded (to slip past a filter that decodes once),
// every byte encoded, or with keywords in mixed case. Each campaign prefers one style and strays
// from it now and then, as real tools and people do.
import type { Rng } from '../rng.js';

export const RAW = 0;
/** Raw, but spaces as `+` (a form submission). */
export const PLUS = 1;
export const PERCENT = 2;
export const DOUBLE = 3;
export const EVERY_BYTE = 4;
export const MIXED_CASE = 5;
export const STYLES = 6;

const HEX = '0123456789ABCDEF';
// Left alone by encodeURIComponent, and by browsers in a query string.
const UNRESERVED = /[A-Za-z0-9\-_.!~*'()]/;

function escapeByte(code: number, lower: boolean): string {
  const text = `%${HEX[code >> 4]}${HEX[code & 15]}`;
  return lower ? text.toLowerCase() : text;
}

/** Percent-encodes the UTF-8 bytes of `text`; `all` encodes unreserved characters too. */
export function percentEncode(text: string, all = false, lower = false): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += !all && byte < 128 && UNRESERVED.test(char) ? char : escapeByte(byte, lower);
  }
  return out;
}

/**
 * Raw text as a client can put it on a request line at all: control characters and non-ASCII
 * bytes encoded (a raw line break would end the line), `#` encoded (a raw one starts a fragment,
 * which clients never send); quotes, brackets and spaces stay raw.
 */
function wireSafe(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    out += code < 0x20 || code > 0x7e || char === '#' ? percentEncode(char) : char;
  }
  return out;
}

/** Flips the case of about half the letters (`UnIoN sElEcT`), which case-insensitive parsers accept. */
export function mixCase(text: string, rng: Rng): string {
  let out = '';
  for (const char of text) out += rng.chance(0.5) ? char.toUpperCase() : char.toLowerCase();
  return out;
}

/**
 * `text` as it appears on the wire in a query value or path, in `style`. `caseSafe` is false for
 * text whose case matters (file paths on Linux), which is then never case-mixed.
 */
export function encodeAs(text: string, style: number, rng: Rng, caseSafe = true): string {
  const lower = rng.chance(0.3);
  switch (style) {
    case RAW:
      return wireSafe(text);
    case PLUS:
      return wireSafe(text).replaceAll(' ', '+');
    case PERCENT:
      return percentEncode(text, false, lower);
    case DOUBLE:
      return percentEncode(percentEncode(text, false, lower), false, lower);
    case EVERY_BYTE:
      return percentEncode(text, true, lower);
    default:
      return percentEncode(caseSafe ? mixCase(text, rng) : text, false, lower).replaceAll('%20', '+');
  }
}

/** The campaign's usual style, and the one it uses for request `i`. */
export function pickStyle(preferred: number, rng: Rng): number {
  return rng.chance(0.8) ? preferred : rng.int(STYLES);
}
