import type { ReactNode } from 'react';
import { isTagColour } from '../../src-shared/triage.js';
import '../styles/chips.css';

/** One tag in its colour; the name is analyst or log-derived text, shown as text. */
export function TagChip({ name, colour, children }: { name: string; colour?: string; children?: ReactNode }) {
  return (
    <span
      className="chip"
      data-testid="tag-chip"
      style={colour && isTagColour(colour) ? { borderColor: colour, background: `${colour}33` } : undefined}
    >
      {name}
      {children}
    </span>
  );
}
