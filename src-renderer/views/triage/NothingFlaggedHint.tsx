// What a new workspace's empty Triage says besides "No session is flagged": why nothing is (no
// model has scored it, no rule at the set's level matched) and the two ways to get flags, so the
// first visit is not a dead end. Shown only for the detection set's queue without a filter.
import type { DetectionSet } from '../../../src-shared/detection-set.js';

export function NothingFlaggedHint({ set }: { set: DetectionSet | undefined }) {
  if (!set || set.runs.length > 0) return null;
  const rules =
    set.ruleLevel === null
      ? 'and rule hits flag nothing'
      : `and no rule at ${set.ruleLevel}${set.ruleLevel === 'critical' ? '' : ' or above'} matched`;
  return (
    <>
      {' '}
      No model has scored this workspace yet {rules}: <a href="#/models">train a model</a> (an Isolation
      Forest needs no labels), or flag by {set.ruleLevel === null ? 'rule hits' : 'a lower rule level'} in
      “Flagged by” above.
    </>
  );
}
