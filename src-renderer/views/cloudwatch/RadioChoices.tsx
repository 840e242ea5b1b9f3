import type { ReactNode } from 'react';

interface RadioChoicesProps<T extends string> {
  name: string;
  choices: readonly { id: T; label: string }[];
  value: T;
  onChange: (id: T) => void;
  /** Extra text after a choice's label (e.g. what "new since last pull" means for this group). */
  hint?: (id: T) => ReactNode;
}

/** One line of radio buttons inside a fieldset (whose legend names them); arrow keys move between them. */
export function RadioChoices<T extends string>({
  name,
  choices,
  value,
  onChange,
  hint,
}: RadioChoicesProps<T>) {
  return (
    <div className="choices">
      {choices.map((choice) => (
        <label key={choice.id} className="choice">
          <input
            type="radio"
            name={name}
            value={choice.id}
            checked={value === choice.id}
            onChange={() => onChange(choice.id)}
            data-testid={`cw-${name}-${choice.id}`}
          />
          {choice.label}
          {hint?.(choice.id)}
        </label>
      ))}
    </div>
  );
}
