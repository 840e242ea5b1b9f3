// The Sessions table's columns for what the models and the analyst said of a session — score,
// flagged, verdict, tags, IOC match — read per loaded page (api.sessionMarks) rather than from
// the session's fields. Flagged and Verdict pivot to their filter terms; Score and Flagged sort
// under the size rule of the unindexed sorts (columns.ts).
import type { Session } from '../../../src-shared/domain.js';
import type { SessionMark } from '../../../src-shared/session-marks.js';
import type { Column } from './columns.js';

type MarkOf = (sessionId: number) => SessionMark | undefined;

/** What the column chooser and the stored choice know of a mark column before any page loads. */
export interface MarkColumnDef {
  id: 'score' | 'flagged' | 'verdict' | 'tags' | 'ioc';
  label: string;
  width: number;
  /** Place among the field columns (their view order: source IP is 30, country 50). */
  order: number;
  /** Among the columns the table shows until the analyst picks others. */
  shown: boolean;
}

export const MARK_COLUMNS: readonly MarkColumnDef[] = [
  { id: 'flagged', label: 'Flagged', width: 92, order: 32, shown: true },
  { id: 'score', label: 'Score', width: 84, order: 34, shown: true },
  { id: 'verdict', label: 'Verdict', width: 96, order: 36, shown: true },
  { id: 'tags', label: 'Tags', width: 140, order: 215, shown: false },
  { id: 'ioc', label: 'IOC match', width: 140, order: 220, shown: false },
];

const VERDICT_WORDS = { malicious: 'malicious', benign: 'benign', review: 'needs review' } as const;

/** Until a page's marks arrive, a cell says so rather than guess. */
const PENDING = '…';

/** The mark columns as table columns, reading each row's marks through `markOf`. */
export function markColumns(
  markOf: MarkOf,
  names: { flaggedBy: string; scoreRun: string },
): Map<MarkColumnDef['id'], Column> {
  // A cell's text from its row's marks; "…" until they arrive.
  const shown = (read: (mark: SessionMark) => string) => (session: Session) => {
    const mark = markOf(session.id);
    return mark ? read(mark) : PENDING;
  };
  const own: Record<MarkColumnDef['id'], Omit<Column, 'id' | 'label' | 'width'>> = {
    flagged: {
      sort: 'flagged',
      title: `Flagged by ${names.flaggedBy}`,
      text: shown((mark) => (mark.flagged ? 'flagged' : '–')),
      flags: (session) => markOf(session.id)?.flagged === true,
      term: (session) => {
        const mark = markOf(session.id);
        return mark ? { field: 'flagged', value: mark.flagged ? 'yes' : 'no' } : null;
      },
    },
    score: {
      numeric: true,
      sort: 'score',
      title: `Score of ${names.scoreRun}`,
      text: shown((mark) => (mark.score === null ? '–' : mark.score.toFixed(3))),
    },
    verdict: {
      text: shown((mark) => (mark.verdict ? VERDICT_WORDS[mark.verdict] : '–')),
      term: (session) => {
        const mark = markOf(session.id);
        return mark ? { field: 'verdict', value: mark.verdict ?? 'none' } : null;
      },
    },
    tags: { text: shown((mark) => mark.tags.join(', ') || '–') },
    ioc: {
      text: shown(
        (mark) => mark.ioc.map((hit) => `${hit.list} (${hit.kind.replace('_', ' ')})`).join(', ') || '–',
      ),
    },
  };
  return new Map(
    MARK_COLUMNS.map((def) => [def.id, { id: def.id, label: def.label, width: def.width, ...own[def.id] }]),
  );
}
