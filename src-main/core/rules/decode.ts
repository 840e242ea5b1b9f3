// The spellings of a logged URL value a rule also sees: the value percent-decoded once and twice.
// Attackers encode payloads (twice, to pass a filter that decodes once: `%2527` for `'`), and the
// server decodes them before use; a rule written for the plain payload (`' OR 1=1`, `<script`)
// then matches however it was logged. The value as logged is always tried first, so a rule written
// for an encoding (`%2e%2e/`) still matches it. In a query `+` is a space, as forms send it.
// A decoded NUL also ends the text there, as a C file API reads the name (`/.env%00.html` opens
// `/.env`: the null-byte bypass of an extension check), so that spelling is read too.

import { percentDecode } from '../../../src-shared/request-line.js';
import type { RuleField } from './fields.js';

/** Fields whose values are (parts of) URLs as the client sent them; `true`: `+` is a space there. */
const DECODED: Partial<Record<RuleField, boolean>> = {
  path: false,
  query: true,
  uri: true,
  referrer: true,
  requestLine: true,
};

/** Whether a rule's tests on `field` see decoded spellings too, and how `+` reads there. */
export function decodingOf(field: RuleField): { plusIsSpace: boolean } | null {
  const plusIsSpace = DECODED[field];
  return plusIsSpace === undefined ? null : { plusIsSpace };
}

/** A value of `field` as the rules see it: as logged, then its decoded spellings for a URL field. */
export function spellingsOf(value: string, field: RuleField): string[] {
  const decoding = decodingOf(field);
  return decoding ? [value, ...decodedSpellings(value, decoding.plusIsSpace)] : [value];
}

/**
 * The value decoded once and twice (src-shared/request-line.ts's decoding, which the drawer and
 * the reports show), leaving out spellings equal to the one before: none for a value without `%`
 * (or `+` where it is a space). Then, when a decoded spelling holds a NUL, the text before it.
 */
export function decodedSpellings(value: string, plusIsSpace: boolean): string[] {
  const out: string[] = [];
  let current = value;
  for (let round = 0; round < 2; round++) {
    if (!current.includes('%') && !(plusIsSpace && current.includes('+'))) break;
    const next = percentDecode(current, plusIsSpace);
    if (next === current) break;
    out.push(next);
    current = next;
  }
  const nul = current.indexOf('\0');
  if (nul >= 0) out.push(current.slice(0, nul));
  return out;
}
