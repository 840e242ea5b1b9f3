// The rules a load refused, each with its file, line and reason: under a set's card, and open
// under the result of adding rules from the page.
import type { RuleRefusalInfo } from '../../../src-shared/rules.js';
import { formatCount } from '../../format.js';

export function RuleRefusals({
  refused,
  open = false,
}: {
  refused: readonly RuleRefusalInfo[];
  open?: boolean;
}) {
  if (refused.length === 0) return null;
  return (
    <details className="rule-refused" open={open} data-testid="rule-refusals">
      <summary>
        {formatCount(refused.length)} refused {refused.length === 1 ? 'rule' : 'rules'}
      </summary>
      <ul>
        {refused.map((r) => (
          <li key={`${r.file}:${r.line}:${r.reason}`}>
            <code>
              {r.file}
              {r.line ? `:${r.line}` : ''}
            </code>{' '}
            {r.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
