// A title, summary, severity or status edited from a stale copy (another tab, another analyst
// saved first) is refused, naming who changed it and when: the later save would otherwise drop
// their text, or undo their closing of the case, unseen.
// So is a deletion confirmed for a case that has changed since: it would delete what nobody saw.
import { type Case, caseContentsInWords } from '../../../src-shared/cases.js';
import { entityHistory } from '../db/audit.js';
import type { Db } from '../db/open.js';

/** The edit began from a text the case no longer holds: HTTP answers it 409 (Conflict), not 500. */
export class StaleEditError extends Error {}

type EditedField = 'title' | 'summary' | 'severity' | 'status';
/** Typed fields keep the draft in the box; a select shows the value the case holds now. */
const TEXT_FIELDS: ReadonlySet<EditedField> = new Set(['title', 'summary']);
type CaseText = Record<EditedField, string>;

/** Who last changed `field` of the case, and when, from its audit history. */
function lastChange(db: Db, caseId: number, field: EditedField): string {
  const history = entityHistory(db, 'case', caseId).filter((e) => e.field === 'case');
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i];
    const before = entry?.before as Partial<CaseText> | null;
    const after = entry?.after as Partial<CaseText> | null;
    if (entry && before?.[field] !== after?.[field])
      return ` by ${entry.analyst} at ${new Date(entry.at).toISOString()}`;
  }
  return '';
}

/**
 * Throws when the edit of a field began from a value the case no longer holds. `was` absent (the
 * CLI) asks for no check: that call names the one value it sets. Only the fields edited are
 * compared: a status change is not refused because someone else rewrote the summary meanwhile.
 */
export function refuseStaleEdit(
  db: Db,
  caseId: number,
  current: CaseText,
  edit: Partial<CaseText>,
  was: Partial<CaseText> | undefined,
): void {
  for (const field of ['title', 'summary', 'severity', 'status'] as const) {
    const began = was?.[field];
    if (edit[field] === undefined || began === undefined || began === current[field]) continue;
    const changed = `The ${field} of case ${caseId} was changed${lastChange(db, caseId, field)}`;
    throw new StaleEditError(
      TEXT_FIELDS.has(field)
        ? `${changed} since you began editing it: yours is not saved. Copy your text, then edit the current one.`
        : `${changed} since your page showed it: yours is not saved. It is ${current[field]} now; set it again if you still mean to.`,
    );
  }
}

/**
 * Throws when a deletion was confirmed for the case as it was at `was.updatedAt` and the case has
 * changed since (an item, a note, a tag, a field, in another window or by another analyst). `was`
 * absent asks for no check. Names who changed it last and what the case holds now.
 */
export function refuseStaleDelete(db: Db, current: Case, was: { updatedAt: number } | undefined): void {
  if (was === undefined || was.updatedAt === current.updatedAt) return;
  const last = entityHistory(db, 'case', current.id).at(-1);
  const by = last ? ` by ${last.analyst} at ${new Date(last.at).toISOString()}` : '';
  throw new StaleEditError(
    `Case ${current.id} was changed${by} since you looked at it: it is not deleted. ` +
      `It now holds ${caseContentsInWords(current)}; look at it again, then delete it if you still mean to.`,
  );
}
