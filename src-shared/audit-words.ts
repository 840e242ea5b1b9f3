// An audited change in words, as the drawer's history and `vigil verdict --history` say it: a
// verdict state is { verdict, note, … }, a tag change { tag, present }. Text only (the renderer
// shows it as text, the CLI prints it terminal-safe).
import { formatCount } from './count-words.js';

interface TagState {
  tag: string;
  present: boolean;
}

function tagState(value: unknown): TagState | null {
  if (value === null || typeof value !== 'object' || !('tag' in value) || !('present' in value)) return null;
  const { tag, present } = value as { tag: unknown; present: unknown };
  return typeof tag === 'string' && typeof present === 'boolean' ? { tag, present } : null;
}

export function auditValueInWords(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'object' && 'verdict' in value) {
    const { verdict, note } = value as { verdict: string; note?: string | null };
    return note ? `${verdict} (“${note}”)` : verdict;
  }
  const tag = tagState(value);
  if (tag) return `${tag.present ? '' : 'not '}tagged “${tag.tag}”`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One change: `verdict: none → malicious`, `tagged “xss-confirmed”`. */
export function auditChangeInWords(change: { field: string; before: unknown; after: unknown }): string {
  const tag = change.field === 'tag' ? tagState(change.after) : null;
  if (tag) return `${tag.present ? 'tagged' : 'untagged'} “${tag.tag}”`;
  return `${change.field}: ${auditValueInWords(change.before)} → ${auditValueInWords(change.after)}`;
}

/** A session's verdict and tags now, from its history (oldest first): the last change of each wins. */
export function currentMarks(history: readonly { field: string; after: unknown }[]): {
  verdict: string | null;
  tags: string[];
} {
  let verdict: string | null = null;
  const tags = new Map<string, boolean>();
  for (const change of history) {
    if (change.field === 'verdict') {
      const after = change.after as { verdict?: unknown } | null;
      verdict = after && typeof after.verdict === 'string' ? after.verdict : null;
    }
    const tag = change.field === 'tag' ? tagState(change.after) : null;
    if (tag) tags.set(tag.tag, tag.present);
  }
  return { verdict, tags: [...tags].flatMap(([name, present]) => (present ? [name] : [])) };
}

/**
 * What a verdict action changed, in brackets after its target: "(3 changed)", "(1 changed, 2
 * already malicious)", "(already malicious)". Re-judging a session the same way records who
 * confirmed it, and is not counted as a change.
 */
export function verdictOutcomeInWords(verdict: string, result: { changed: number; covered: number }): string {
  const already = result.covered - result.changed;
  if (already === 0) return `(${formatCount(result.changed)} changed)`;
  if (result.changed === 0) return `(already ${verdict})`;
  return `(${formatCount(result.changed)} changed, ${formatCount(already)} already ${verdict})`;
}
