// The triage keyboard: one key per action, Shift for "the selection (or, with none, the whole IP)".
import type { Verdict } from '../../../src-shared/triage.js';

export type TriageCommand =
  | { type: 'move'; by: 1 | -1 }
  | { type: 'verdict'; verdict: Verdict; wide: boolean }
  | { type: 'select' }
  | { type: 'clear' }
  | { type: 'undo' }
  | { type: 'prompt'; prompt: 'tag' | 'note' | 'case' | 'kind' };

const VERDICT_KEYS: Record<string, Verdict> = { m: 'malicious', b: 'benign', r: 'review' };

export function commandFor(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): TriageCommand | null {
  const key = event.key.toLowerCase();
  if (key === 'j' || event.key === 'ArrowDown') return { type: 'move', by: 1 };
  if (key === 'k' || event.key === 'ArrowUp') return { type: 'move', by: -1 };
  const verdict = VERDICT_KEYS[key];
  if (verdict) return { type: 'verdict', verdict, wide: event.shiftKey };
  if (key === 'x') return { type: 'select' };
  if (event.key === 'Escape') return { type: 'clear' };
  if (key === 'u') return { type: 'undo' };
  if (key === 't') return { type: 'prompt', prompt: 'tag' };
  if (key === 'n') return { type: 'prompt', prompt: 'note' };
  if (key === 'c') return { type: 'prompt', prompt: 'case' };
  if (key === 'a') return { type: 'prompt', prompt: 'kind' };
  return null;
}

export const KEY_HELP =
  'j/k move · m malicious · b benign · r needs review · x select (Esc clears) · Shift+m/b/r the selection (none selected: every session from the IP) · a malicious, naming the kind of attack · t tag · n note · c add to case · u undo';
