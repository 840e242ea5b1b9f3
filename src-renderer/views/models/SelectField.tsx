// A labelled <select> over a fixed list of choices, typed by the choice ids.
interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  choices: readonly { id: T; label: string }[];
  onChange: (id: T) => void;
  testId: string;
}

export function SelectField<T extends string>({
  label,
  value,
  choices,
  onChange,
  testId,
}: SelectFieldProps<T>) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value as T)} data-testid={testId}>
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}
