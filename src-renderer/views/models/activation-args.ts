// What Set active (Models) and the top bar's Flagged by send to activate a run: a threat-type run
// naming kinds it was never tested on is refused by the core unless accepted, so the analyst is
// asked first, in the words `vigil models activate` prints (src-shared/untested-kinds.ts).
import { type ModelRun, runName } from '../../../src-shared/models.js';
import { untestedInWords } from '../../../src-shared/untested-kinds.js';

/** The call's arguments, or null when the analyst declined to activate a run with untested kinds. */
export function activationArgs(
  runId: number,
  run: ModelRun | undefined,
): { runId: number; acceptUntested?: true } | null {
  const said = run ? untestedInWords(run) : null;
  if (!run || !said) return { runId };
  // A native confirm: it blocks until answered, in Electron and in a browser alike.
  const accepted = window.confirm(`${said}\n\nMake it the active ${runName(run)} model anyway?`);
  return accepted ? { runId, acceptUntested: true } : null;
}
