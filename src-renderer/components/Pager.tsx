import { formatCount } from '../format.js';

interface PagerProps {
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
  testId?: string;
}

export function Pager({ offset, limit, total, onOffset, testId }: PagerProps) {
  if (total <= limit) return null;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label="Pages" data-testid={testId}>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        ‹ Previous
      </button>
      <span className="muted">
        {formatCount(offset + 1)}–{formatCount(last)} of {formatCount(total)}
      </span>
      <button
        type="button"
        disabled={last >= total}
        onClick={() => onOffset(offset + limit)}
        data-testid={testId ? `${testId}-next` : undefined}
      >
        Next ›
      </button>
    </nav>
  );
}
