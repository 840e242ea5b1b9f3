// The one way a value enters ClickHouse SQL text. Query parameters would be better, but the oldest
// engine Vigil supports (18.16, Debian's) has none, so every literal the filter compiler or a pull
// writes goes through these functions, and nothing else is spliced but names from the field table
// and the expressions the analyst wrote into the source's mapping.

/**
 * A string literal: quoted, with backslash and quote escaped by backslash (the only escapes a
 * ClickHouse string reads specially; every other character, newlines included, stands for itself).
 */
export function sqlString(value: string): string {
  let out = "'";
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\0') out += '\\0';
    else out += ch;
  }
  return `${out}'`;
}

/** A number literal; NaN and infinities are refused (no filter or range can hold them). */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  // Integers beyond 2^53 are not exact in JS anyway; the plain form keeps them readable to the engine.
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
}

/** A database or table name: only plain identifiers are accepted (the contract checks), quoted. */
export function sqlIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new Error(`Not a plain identifier: ${JSON.stringify(name)}`);
  return `\`${name}\``;
}
