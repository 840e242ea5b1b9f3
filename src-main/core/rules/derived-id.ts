// The id of a rule that does not write one. Sigma makes `id` optional, but Vigil knows a rule by
// its id: its hits, the `sigma:` term, a reload that keeps unchanged rules' hits, and the refusal
// of a second rule under one id. The id is derived from where the rule is and what it is called —
// its file's name within the folder loaded (with `/` between folders, whatever the system), its
// title, and, when rules of one file share a title, which of them it is — and not from its
// content: an analyst editing the detection gets the same rule back (its old hits go and the next
// run computes them again), not a second one beside it. Renaming the file or the title makes it
// another rule. The form is a UUID (RFC 9562 version 8, "custom"), so it reads like a written id
// and can be pasted into the rule as its `id` to keep it through a rename.
import { createHash } from 'node:crypto';

/**
 * `name`: the rule's file relative to the folder loaded, `/` between folders; `title` as written; `nth`: 1 for the
 * first id-less rule of that title in the file, 2 for the second, …
 */
export function derivedRuleId(name: string, title: string, nth: number): string {
  const key = ['vigil-sigma-rule', name, title, nth > 1 ? String(nth) : ''].join('\u0000');
  const hex = createHash('sha256').update(key).digest('hex');
  // Version 8 in the 13th digit, the RFC variant (10xx) in the 17th.
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
