// The analyst's verdict on a session, in the STIX bundle: labels on its observed-data (for a
// receiver that filters on them) and a note on it saying who judged it, when, as what kind of
// threat and why (STIX 2.1 §4.10: a note is analyst commentary on the objects it refers to).
// Without them a bundle carries the traffic without the judgement that made it evidence.
import type { ExportRow } from '../db/session-export.js';
import { type IdOf, type StixObject, ts } from './stix-common.js';

type Judged = Pick<ExportRow, 'id' | 'verdict' | 'verdictKind' | 'verdictBy' | 'verdictAt' | 'verdictNote'>;

/** `verdict:…` and, for a malicious one that names it, `verdict-kind:…`; none without a verdict. */
export function verdictLabels(s: Judged): { labels?: string[] } {
  if (s.verdict === null) return {};
  return { labels: [`verdict:${s.verdict}`, ...(s.verdictKind ? [`verdict-kind:${s.verdictKind}`] : [])] };
}

/**
 * The note on `observedId` for a session with a verdict, created when the verdict was given; one
 * per observed-data, its id that observed-data's.
 */
export function verdictNote(
  s: Judged,
  common: () => Record<string, unknown>,
  idOf: IdOf,
  observedId: string,
): StixObject | null {
  if (s.verdict === null) return null;
  const named = s.verdictKind ? `${s.verdict} (${s.verdictKind})` : s.verdict;
  const by = s.verdictBy ?? 'an analyst';
  const at = s.verdictAt === null ? {} : { created: ts(s.verdictAt), modified: ts(s.verdictAt) };
  return {
    type: 'note',
    ...common(),
    ...at,
    id: idOf('note', observedId),
    abstract: `Verdict: ${named}`,
    content: `${by} judged session ${s.id} ${s.verdict}${s.verdictKind ? `, kind of threat ${s.verdictKind}` : ''}.${s.verdictNote ? ` Note: ${s.verdictNote}` : ''}`,
    ...(s.verdictBy ? { authors: [s.verdictBy] } : {}),
    object_refs: [observedId],
  };
}
