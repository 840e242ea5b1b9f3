// The value transforms of Sigma's modifiers: `windash` (a command-line flag written with any dash
// or slash), `base64` and `base64offset` (the value as it appears base64-encoded, whole or at any
// byte offset inside a longer encoded text).

/** `-`, `/`, en dash, em dash, horizontal bar: the characters Windows accepts before a flag. */
const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];
/** Beyond this many variants a windash value is refused rather than expanded. */
export const WINDASH_LIMIT = 625;

/**
 * Every spelling of `text` with each flag dash replaced by any of DASHES. A flag dash is a dash
 * character that starts the text or follows a character that is not a letter, digit or `_` (a
 * space, `=`, `"`, …: `-exec`, `arg=-exec`), not one inside a word (`x-forwarded`). Null when that
 * makes more than WINDASH_LIMIT variants.
 */
export function windashVariants(text: string): string[] | null {
  const positions: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (DASHES.includes(c) && (i === 0 || !/\w/.test(text.charAt(i - 1)))) positions.push(i);
  }
  if (DASHES.length ** positions.length > WINDASH_LIMIT) return null;
  let variants = [text];
  for (const at of positions)
    variants = variants.flatMap((variant) =>
      DASHES.map((dash) => variant.slice(0, at) + dash + variant.slice(at + 1)),
    );
  return variants;
}

/** `text` (UTF-8) in base64, padded: what `base64` matches. */
export function base64Of(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * The three base64 texts that `text` (UTF-8) becomes when it starts at byte offset 0, 1 or 2 of a
 * 3-byte group inside a longer encoded stream, trimmed to the characters that depend on `text`
 * alone. With k filler bytes before it, the first output characters mix filler bits (none for
 * k = 0, two characters for k = 1, three for k = 2); at the end, when the last group is partial,
 * the last character mixes in bits of whatever follows, and the `=` padding is not there.
 */
export function base64OffsetVariants(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const variants: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString('base64')
      .replace(/=+$/, '');
    const skip = [0, 2, 3][offset] ?? 0;
    const partialTail = (offset + bytes.length) % 3 !== 0 ? 1 : 0;
    const core = encoded.slice(skip, encoded.length - partialTail);
    if (core) variants.push(core);
  }
  return variants;
}
