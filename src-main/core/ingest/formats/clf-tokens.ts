// Splits a line of an Apache/nginx-style access log into its fields: bare words separated by
// spaces (`[2001:db8::1]:8443` is one), `"quoted text"` and `[bracketed text]`. A quote closes at a `"` that is not escaped by
// a backslash and is followed by a space or the end of the line, so a stray quote inside a user
// agent (`"Mozilla "x" 1.0"`, from servers that do not escape it) does not end the field early
// unless a space follows it.

export const BARE = 0;
export const QUOTED = 1;
export const BRACKETED = 2;

export class ClfTokens {
  count = 0;
  /** Value bounds (inside the quotes or brackets) and kind of each field, reused per line. */
  starts = new Int32Array(32);
  ends = new Int32Array(32);
  kinds = new Uint8Array(32);

  /** Reads `line`; returns null, or why the line cannot be split into fields. */
  read(line: string): string | null {
    this.count = 0;
    const n = line.length;
    let i = 0;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c === 32) {
        i++;
        continue;
      }
      if (c === 34 /* " */) {
        const close = closingQuote(line, i + 1);
        if (close === -1) return `unterminated quoted field starting at character ${i + 1}`;
        this.add(i + 1, close, QUOTED);
        i = close + 1;
      } else if (c === 91 /* [ */ && !bracketedWord(line, i)) {
        const close = line.indexOf(']', i + 1);
        if (close === -1) return `unterminated [bracketed] field starting at character ${i + 1}`;
        this.add(i + 1, close, BRACKETED);
        i = close + 1;
      } else {
        let end = line.indexOf(' ', i);
        if (end === -1) end = n;
        // `name="a value with spaces"` (nginx's key="$var" fields, `urt="0.001 : 1.000"`) is one field.
        const quoted = namedQuoteEnd(line, i, end);
        if (quoted !== -1) end = quoted;
        this.add(i, end, BARE);
        i = end;
      }
    }
    return null;
  }

  private add(start: number, end: number, kind: number): void {
    if (this.count === this.starts.length) this.grow();
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.kinds[this.count] = kind;
    this.count++;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    this.starts = starts;
    this.ends = ends;
    this.kinds = kinds;
  }
}

/**
 * Whether the `[` at `at` starts a bare word rather than a [bracketed] field: its `]` comes before
 * any space and is followed by more of the word, as in a virtual host `[2001:db8::1]:8443`.
 */
function bracketedWord(line: string, at: number): boolean {
  const close = line.indexOf(']', at + 1);
  if (close === -1 || close + 1 === line.length) return false;
  const space = line.indexOf(' ', at + 1);
  return (space === -1 || close < space) && line.charCodeAt(close + 1) !== 32;
}

/**
 * The end of a bare field written `name="…"` whose quoted value holds a space (past the space at
 * `space`), or -1 when the field is not of that shape or its value has no space.
 */
function namedQuoteEnd(line: string, start: number, space: number): number {
  // Looked for within the field only: most bare fields have no `=`, and the line goes on past them.
  let eq = start;
  while (eq < space && line.charCodeAt(eq) !== 61 /* = */) eq++;
  if (eq + 1 >= space || line.charCodeAt(eq + 1) !== 34 /* " */) return -1;
  if (!/^[A-Za-z_][\w.-]*$/.test(line.slice(start, eq))) return -1;
  if (line.charCodeAt(space - 1) === 34 && space - 1 > eq + 1) return -1;
  const close = closingQuote(line, eq + 2);
  return close === -1 ? -1 : close + 1;
}

/** The index of the quote that closes a field whose text starts at `from`, or -1. */
export function closingQuote(line: string, from: number): number {
  const n = line.length;
  for (let j = line.indexOf('"', from); j !== -1; j = line.indexOf('"', j + 1)) {
    if (escaped(line, from, j)) continue;
    if (j + 1 === n || line.charCodeAt(j + 1) === 32) return j;
  }
  return -1;
}

/** True when the character at `at` follows an odd number of backslashes (after `from`). */
function escaped(line: string, from: number, at: number): boolean {
  let slashes = 0;
  for (let k = at - 1; k >= from && line.charCodeAt(k) === 92; k--) slashes++;
  return slashes % 2 === 1;
}
