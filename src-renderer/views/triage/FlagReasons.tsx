import { levelText } from '../../../src-shared/rules.js';
import type { FlagReason } from '../../../src-shared/triage.js';

/**
 * One member of the detection set that flagged the session, in words. A rule is named by its
 * title: Sigma ids are UUIDs, which say nothing to the reader (the id is the item's tooltip).
 */
export function reasonText(reason: FlagReason): string {
  if (reason.by === 'run') return `${reason.kind} #${reason.runId} scored ${reason.score.toFixed(3)}`;
  const matched = reason.field ? ` matched ${reason.field} = ${reason.value ?? ''}` : '';
  return `rule “${reason.title}” (${levelText(reason.level)})${matched}`;
}

/**
 * Which members of the detection set flagged the focused session (the set's queue lists them;
 * a one-run queue has only that run's score, shown in the row).
 */
export function FlagReasons({ reasons }: { reasons: FlagReason[] | undefined }) {
  if (!reasons) return null;
  if (reasons.length === 0) return <p className="muted">No member of the detection set flags it any more.</p>;
  return (
    <ul className="flag-reasons" data-testid="flag-reasons">
      {reasons.map((reason) => (
        <li
          key={reason.by === 'run' ? `run-${reason.runId}` : `rule-${reason.ruleId}`}
          data-by={reason.by}
          title={reason.by === 'rule' ? `Sigma rule ${reason.ruleId}` : undefined}
        >
          {reasonText(reason)}
        </li>
      ))}
    </ul>
  );
}
