import '../../styles/dialog.css';
// Deleting a case, confirmed: the dialog names the case and what it holds as the analyst saw it
// when they pressed Delete, and the deletion carries that version (its updatedAt). A case changed
// since (an item added in another window, a note by a colleague) is refused by the core; the
// dialog then says so and shows the case as it is now, to delete as it is or to cancel.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { type Case, caseContentsInWords, deletedCaseCopy } from '../../../src-shared/cases.js';
import { api } from '../../api/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { askCaseAgain } from './ask-case-again.js';

export interface DeleteCaseDialogProps {
  /** The case as shown when Delete was pressed. */
  c: Case;
  /** True while the deletion is asked (the view stops asking for the case), false when refused. */
  onDeleting(on: boolean): void;
  onDeleted(id: number): void;
  /** Cancel, Escape or ×: nothing deleted. */
  onCancel(): void;
}

export function DeleteCaseDialog({ c, onDeleting, onDeleted, onCancel }: DeleteCaseDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const client = useQueryClient();
  // Deleted: the view takes the dialog away; that is no cancel.
  const done = useRef(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const [seen, setSeen] = useState(c);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => ref.current?.showModal(), []);

  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    onDeleting(true);
    try {
      await api.deleteCase({ id: seen.id, was: { updatedAt: seen.updatedAt } });
      done.current = true;
      onDeleted(seen.id);
    } catch (error) {
      onDeleting(false);
      setProblem((error as Error).message);
      // Changed where no event says so (the command line, another program): the view asks again.
      askCaseAgain(client);
      // What a second press would delete: the case as it is now (gone, the message says so).
      await api.getCase({ id: seen.id }).then(
        (now) => setSeen(now.case),
        () => {},
      );
      setBusy(false);
    }
  };
  // The buttons were disabled while asked, which took the focus: after a refusal it goes back on
  // the harmless choice, once the buttons are enabled again (focusing a disabled button does
  // nothing, so a frame's callback that ran before React's commit left the focus nowhere).
  useEffect(() => {
    if (!busy && problem !== null) cancelButton.current?.focus();
  }, [busy, problem]);

  const tags = seen.tags.map((t) => t.name).join(', ');
  return (
    <dialog
      ref={ref}
      className="dialog case-delete-dialog"
      aria-labelledby="case-delete-title"
      aria-describedby="case-delete-what"
      data-testid="case-delete-dialog"
      // Escape while the deletion is on its way would hide its outcome: it is held until answered.
      onCancel={(event) => busy && event.preventDefault()}
      onClose={() => done.current || onCancel()}
    >
      <header className="dialog-head">
        <h2 id="case-delete-title">Delete case #{seen.id}?</h2>
      </header>
      <div className="dialog-body">
        <p className="case-delete-name">
          <strong data-testid="case-delete-title">{seen.title}</strong>{' '}
          <span className="muted">
            · {seen.severity} · {seen.status.replace('_', ' ')}
          </span>
        </p>
        <p id="case-delete-what" data-testid="case-delete-what">
          The case goes with its {caseContentsInWords(seen)}
          {tags ? `, and its tags (${tags})` : ''}. The sessions themselves stay, with their verdicts and
          tags.
        </p>
        <p className="muted" data-testid="case-delete-copy">
          The audit log keeps a copy of the whole case, signed by you: <code>{deletedCaseCopy(seen.id)}</code>{' '}
          shows it.
        </p>
        <ErrorNote message={problem} />
        {problem && seen !== c && (
          <p className="muted" data-testid="case-delete-now">
            Above is the case as it is now: Delete case deletes it as it is.
          </p>
        )}
        <footer className="dialog-foot">
          {/* The safe choice has the focus: Enter or Space alone deletes nothing. */}
          <button
            ref={cancelButton}
            type="button"
            // biome-ignore lint/a11y/noAutofocus: a modal's first focus, on its harmless choice.
            autoFocus
            onClick={() => ref.current?.close()}
            disabled={busy}
            data-testid="case-delete-cancel"
          >
            Cancel
          </button>
          <button
            type="button"
            className="danger"
            onClick={confirm}
            disabled={busy}
            data-testid="case-delete-confirm"
          >
            {busy ? 'Deleting…' : 'Delete case'}
          </button>
        </footer>
      </div>
    </dialog>
  );
}
