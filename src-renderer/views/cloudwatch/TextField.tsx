import type { InputHTMLAttributes } from 'react';
import { FieldError, invalidProps } from './FieldError.js';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  onValue: (value: string) => void;
  testId?: string;
  /** What is wrong with the value, shown under the field. */
  error?: string;
}

/** A labelled one-line input for names and patterns: no autocomplete or spell-check, which only get in the way. */
export function TextField({ label, value, onValue, testId, error, ...input }: TextFieldProps) {
  const errorId = `${testId ?? input.name ?? label}-error`;
  return (
    <label className="field">
      <span>{label}</span>
      <input
        autoComplete="off"
        spellCheck={false}
        {...input}
        {...invalidProps(errorId, error, input['aria-describedby'])}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        data-testid={testId}
      />
      <FieldError id={errorId} message={error} />
    </label>
  );
}
