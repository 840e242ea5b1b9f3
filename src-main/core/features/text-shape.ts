// How a request text is written, as shares of its length: characters outside a plain set (quotes,
// brackets, `;`, `|`, `$`, spaces, anything not ASCII) and percent-encodings (`%hh`). Injections
// and traversals need both; a shop's paths and queries rarely do. Char codes against a table, not
// a regular expression per character: this runs for every request a model reads.

/** A 128-entry table: 1 for each ASCII character listed in `chars`. */
export function plainSet(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

export const LETTERS_AND_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface TextShape {
  /** Share of characters that are not plain (a `%hh` escape counts as an encoding instead). */
  specialShare: number;
  /** Share of the text taken by `%hh` escapes (three characters each). */
  percentShare: number;
}

const ZERO: TextShape = { specialShare: 0, percentShare: 0 };

export function textShape(text: string, plain: Uint8Array): TextShape {
  const n = text.length;
  if (n === 0) return ZERO;
  let special = 0;
  let escaped = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 37 /* % */ && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) {
      escaped += 3;
      i += 2;
    } else if (c >= 128 || plain[c] !== 1) special++;
  }
  return { specialShare: special / n, percentShare: escaped / n };
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Shannon entropy of the text's characters, in bits per character (0 for an empty text). */
export function shannonEntropy(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}
