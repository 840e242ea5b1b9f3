import type { ModelRun } from '../../../src-shared/models.js';
import { floodWarning, unscoredWarning } from '../../data/detection-set.js';

/**
 * Active runs that flag a large share of the sessions at a low precision, or flag nothing because
 * they never scored, said where runs are chosen.
 */
export function FloodWarnings({ runs }: { runs: readonly ModelRun[] }) {
  const warnings = runs.flatMap((run) => {
    const warning = unscoredWarning(run) ?? floodWarning(run);
    return warning ? [{ id: run.id, warning }] : [];
  });
  if (warnings.length === 0) return null;
  return (
    <div className="flood-warnings" data-testid="flood-warnings" role="status">
      {warnings.map(({ id, warning }) => (
        <p key={id} className="warn-note">
          {warning}
        </p>
      ))}
    </div>
  );
}
