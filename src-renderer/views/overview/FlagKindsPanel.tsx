// The Overview's flags by predicted kind: how many sessions within the filter the active
// threat-type run flagged as each kind; a click adds `kind:<name>` to the global filter. Hidden
// until a threat-type run is active and has flags here.
import type { FlagKinds } from '../../../src-shared/threat-types.js';
import type { QueryState } from '../../data/query-state.js';
import { countOf } from '../../format.js';
import { TopList } from './TopList.js';

export function FlagKindsPanel({ query }: { query: QueryState<FlagKinds> }) {
  const answer = query.data;
  if (!answer || answer.runId === null || answer.kinds.length === 0) return null;
  const total = answer.kinds.reduce((n, k) => n + k.sessions, 0);
  return (
    <section className="panel wide" data-testid="flag-kinds-panel">
      <h2>Flags by predicted kind</h2>
      <p className="panel-hint muted">
        {countOf(total, 'session')} flagged by threat-type run {answer.runId}; click a kind to keep only it.
      </p>
      <TopList
        testId="flag-kinds"
        empty="No flag here."
        rows={answer.kinds.map((k) => ({
          key: k.kind,
          label: k.kind,
          sessions: k.sessions,
          clause: { field: 'kind', negate: false, values: [{ kind: 'text', value: k.kind }] },
        }))}
      />
    </section>
  );
}
