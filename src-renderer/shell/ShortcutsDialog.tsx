import { useEffect, useRef } from 'react';

export const SHORTCUTS = [
  { keys: '/', what: 'Focus the filter' },
  { keys: '?', what: 'Show these shortcuts' },
  { keys: '↑ ↓ then Enter or Tab', what: 'Pick a filter suggestion' },
  { keys: 'Enter', what: 'Apply the filter now' },
  { keys: 'Esc', what: 'Close suggestions or this dialog' },
  { keys: 'Drag on the time chart', what: 'Set the time range' },
  { keys: 'Click a bar segment', what: 'Add its country and type to the filter' },
];

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
  }, [onClose]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click outside closes; keyboard users have Escape and the Close button.
    <div className="dialog-backdrop" onMouseDown={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts-dialog"
        onMouseDown={(event) => event.stopPropagation()}
      >
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" ref={closeRef} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
