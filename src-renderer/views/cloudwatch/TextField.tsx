import type { InputHTMLAttributes } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  onValue: (value: string) => void;
  testId?: string;
}

/** A labelled one-line input for names and patterns: no autocomplete or spell-check, which only get in the way. */
export function TextField({ label, value, onValue, testId, ...input }: TextFieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        autoComplete="off"
        spellCheck={false}
        {...input}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        data-testid={testId}
      />
    </label>
  );
}
