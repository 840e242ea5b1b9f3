// The column chooser: a disclosure with one checkbox per column (native <details>, keyboard-ready).
import { COLUMN_CHOICES } from './columns.js';

interface ColumnChooserProps {
  visible: string[];
  onToggle: (id: string, on: boolean) => void;
  onReset: () => void;
}

export function ColumnChooser({ visible, onToggle, onReset }: ColumnChooserProps) {
  return (
    <details className="column-chooser" data-testid="column-chooser">
      <summary>Columns ({visible.length})</summary>
      <div className="column-chooser-list">
        {COLUMN_CHOICES.map((column) => (
          <label key={column.id}>
            <input
              type="checkbox"
              checked={visible.includes(column.id)}
              // The last visible column cannot be hidden: a table with no columns shows nothing.
              disabled={visible.length === 1 && visible.includes(column.id)}
              onChange={(event) => onToggle(column.id, event.target.checked)}
              data-testid={`column-toggle-${column.id}`}
            />
            {column.label}
          </label>
        ))}
        <button type="button" onClick={onReset}>
          Default columns
        </button>
      </div>
    </details>
  );
}
