import type { Verdict } from '../../../src-shared/triage.js';

/** The verdicts as their buttons name them, in the order of their keys (m, b, r). */
export const VERDICT_CHOICES: readonly { verdict: Verdict; label: string }[] = [
  { verdict: 'malicious', label: 'malicious' },
  { verdict: 'benign', label: 'benign' },
  { verdict: 'review', label: 'needs review' },
];
