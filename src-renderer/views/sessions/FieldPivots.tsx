// Filter for or out one value of the open session, beside it in the drawer: the pivots a Sessions
// cell's menu offers, for every field the table may not show. The term is the filter language's
// (valueClause: the whole value, of a path or a user agent too).
import { applyPivot, type CellPivot } from './cell-pivots.js';

const PIVOTS = [
  { negate: false, sign: '+', words: 'Filter for', testId: 'field-filter-for' },
  { negate: true, sign: '−', words: 'Filter out', testId: 'field-filter-out' },
] as const;

export function FieldPivots({ term, label }: { term: CellPivot['term']; label: string }) {
  if (!term) return null;
  return (
    <span className="field-pivots">
      {PIVOTS.map(({ negate, sign, words, testId }) => (
        <button
          key={testId}
          type="button"
          className="field-pivot"
          onClick={() => applyPivot(term, negate)}
          title={`${words} this value`}
          aria-label={`${words} this ${label}`}
          data-testid={testId}
        >
          {sign}
        </button>
      ))}
    </span>
  );
}
