import { useEffect, useRef, useState } from 'react';
import { CasePicker } from './CasePicker.js';

const LABELS = {
  tag: 'Tag name for the selection (or this session)',
  note: 'Note on this session’s verdict',
  case: 'Pick an open case, or type its number or a title for a new case',
} as const;

export type PromptKind = keyof typeof LABELS;

/** A one-line input in place of window.prompt (which Electron does not provide); `c` also lists the open cases. */
export function PromptBar({ kind, onDone }: { kind: PromptKind; onDone(value: string | null): void }) {
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <form
      className="prompt-bar"
      onSubmit={(event) => {
        event.preventDefault();
        onDone(value.trim() || null);
      }}
    >
      <label>
        {LABELS[kind]}{' '}
        <input
          ref={input}
          value={value}
          data-testid="triage-prompt"
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={(event) => event.key === 'Escape' && onDone(null)}
        />
      </label>
      {kind === 'case' && <CasePicker onPick={onDone} />}
    </form>
  );
}
