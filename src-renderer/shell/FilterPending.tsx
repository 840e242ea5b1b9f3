// What the filter box holds but the views do not show yet: how its bare words will be read (`bea` →
// `label:beacon`), or, when it does not parse, that every view still shows the filter in force.
import { TERM_FIELDS } from '../../src-shared/fields/index.js';
import { type FilterClause, parseFilter, serializeClause } from '../../src-shared/filter/index.js';
import { useVigilQuery } from '../data/vigil-query.js';

// The fields a bare word searches, in the order the core searches them (core/db/filter-sql.ts).
const SEARCHED = TERM_FIELDS.flatMap((field) =>
  'freeText' in field.filter && field.filter.freeText !== undefined
    ? [{ term: field.filter.term, place: field.filter.freeText }]
    : [],
)
  .sort((a, b) => a.place - b.place)
  .map(({ term }) => term);

export interface FilterPendingProps {
  draft: string;
  /** The text of the filter every view shows. */
  applied: string;
}

export function FilterPending({ draft, applied }: FilterPendingProps) {
  const parsed = parseFilter(draft);
  const words = parsed.ok ? bareWords(parsed.clauses) : [];
  // The core says how it will run each word (`bea` → `label:beacon`): the resolution every view's
  // filter goes through. Until it answers, the words read as the free text they are.
  const readings = useVigilQuery(
    'readFilterWords',
    { words },
    { enabled: words.length > 0, keepPrevious: false },
  );
  const readAs = new Map((readings.data ?? []).map((r) => [r.word, r.readAs]));
  if (draft.trim() === applied.trim()) return null;
  const inForce = applied.trim() ? (
    <>
      the views still show <code>{applied.trim()}</code>
    </>
  ) : (
    'the views still show every session'
  );
  if (!parsed.ok)
    return (
      <p className="filter-pending" data-testid="filter-pending" data-state="invalid">
        Not applied: {inForce}.
      </p>
    );
  return (
    <p className="filter-pending" data-testid="filter-pending" data-state="pending">
      {draft.trim() === '' ? 'Enter clears the filter' : 'Enter applies it'}; until then {inForce}.
      {words.length > 0 && (
        <span className="filter-readings" data-testid="filter-readings">
          {' '}
          Read as:{' '}
          {words.map((word, i) => (
            <span key={word}>
              {i > 0 && '; '}
              <code>{word}</code> → {describe(word, readAs.get(word))}
            </span>
          ))}
        </span>
      )}
    </p>
  );
}

/** The free-text words of a filter, each once. */
function bareWords(clauses: FilterClause[]): string[] {
  const words = clauses.flatMap((clause) =>
    clause.field === 'text' ? clause.values.flatMap((v) => (v.kind === 'text' ? [v.value] : [])) : [],
  );
  return [...new Set(words)].slice(0, 50);
}

function describe(word: string, readAs: FilterClause | undefined): string {
  if (readAs && readAs.field !== 'text') return serializeClause({ ...readAs, negate: false });
  return `src or dst is "${word}", or ${SEARCHED.join(', ')} contains "${word}" (any case)`;
}
