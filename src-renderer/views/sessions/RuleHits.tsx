// The drawer's rule hits: each rule that matched the session, most severe first, with the field
// and the value it matched (the same value is marked inside the request above).
import { levelText, type SessionRuleHit } from '../../../src-shared/rules.js';
import type { QueryState } from '../../data/query-state.js';

/** A rule's level; null for a rule that sets none (optional in Sigma), said as such, not guessed. */
export function LevelChip({ level }: { level: SessionRuleHit['level'] }) {
  if (level === null)
    return (
      <span
        className="level-chip level-none"
        title="The rule sets no level; its hits rank with informational"
      >
        {levelText(null)}
      </span>
    );
  return <span className={`level-chip level-${level}`}>{level}</span>;
}

export function RuleHits({ query }: { query: QueryState<SessionRuleHit[]> }) {
  if (query.error) return <p className="muted">Rule hits could not be read: {query.error}</p>;
  if (!query.data) return <p className="muted">Loading…</p>;
  if (query.data.length === 0) return <p className="muted">No rule matched this session.</p>;
  return (
    <ul className="rule-hits" data-testid="drawer-rule-hits">
      {query.data.map((hit) => (
        <li key={`${hit.source}:${hit.ruleId}`}>
          <LevelChip level={hit.level} /> <strong>{hit.title}</strong>{' '}
          <span className="muted">
            {hit.ruleId} · {hit.source}
          </span>
          {hit.field !== null && hit.value !== null && (
            <div className="rule-hit-match">
              matched <code>{hit.field}</code> = <mark className="raw">{hit.value}</mark>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
