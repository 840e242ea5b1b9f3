import { useEffect, useRef, useState } from 'react';
import { CasePicker } from './CasePicker.js';

const LABELS = {
  tag: 'Tag name for the selection (or this session)',
  note: 'Note on this session’s verdict',
  case: 'Pick an open case, or type its number or a title for a new case',
  kind: 'Malicious, as which kind of attack (the selection, or this session)',
} as const;

export type PromptKind = keyof typeof LABELS;

/**
 * A one-line input in place of window.prompt (which Electron does not provide); `c` also lists the
 * open cases. `initial` fills it (the kind the model predicted), `suggestions` are offered as typed.
 */
export function PromptBar({
  kind,
  onDone,
  initial = '',
  suggestions = [],
}: {
  kind: PromptKind;
  onDone(value: string | null): void;
  initial?: string;
  suggestions?: readonly string[];
}) {
  const [value, setValue] = useState(initial);
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
          list={suggestions.length ? 'triage-prompt-suggestions' : undefined}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={(event) => event.key === 'Escape' && onDone(null)}
        />
      </label>
      {suggestions.length > 0 && (
        <datalist id="triage-prompt-suggestions">
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {kind === 'case' && <CasePicker onPick={onDone} />}
    </form>
  );
}
