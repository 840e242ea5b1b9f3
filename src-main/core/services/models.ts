// The detection-model operations that read and write the run registry and the detection set (what
// "flagged" means), and each session's scores with "why flagged". Training and scoring themselves are worker jobs (services/job-control.ts).
import type { VigilService } from '../../../src-shared/api.js';
import type { ModelKind, ModelRun } from '../../../src-shared/models.js';
import { activationRefusal } from '../../../src-shared/untested-kinds.js';
import { readDetectionSet, setRuleLevel, switchKindOff } from '../db/detection-set.js';
import { activeRun, getRun, listRuns, setActiveRun } from '../db/model-runs.js';
import type { Db } from '../db/open.js';
import { sessionScores } from '../db/scores.js';

type ModelOps =
  | 'listRuns'
  | 'getRun'
  | 'setActiveModel'
  | 'sessionScores'
  | 'detectionSet'
  | 'changeDetectionSet';

function runOrThrow(db: Db, id: number): ModelRun {
  const run = getRun(db, id);
  if (!run) throw new Error(`No model run with id ${id}`);
  return run;
}

/** The run a scoring job uses: the one named, else the active model (of `kind`); only a finished one. */
export function runToScore(db: Db, { runId, kind }: { runId?: number; kind?: ModelKind }): ModelRun {
  const active = runId === undefined ? activeRun(db, { kind }) : null;
  const run = runId !== undefined ? runOrThrow(db, runId) : active && runOrThrow(db, active.id);
  if (!run)
    throw new Error(
      `No active ${kind ?? ''} model to score with: train one first (or name a run).`.replace('  ', ' '),
    );
  if (run.status !== 'done')
    throw new Error(`Run ${run.id} is ${run.status}: only a finished run can score sessions`);
  return run;
}

export function modelsService(db: Db): Pick<VigilService, ModelOps> {
  return {
    async listRuns() {
      return listRuns(db);
    },
    async getRun({ id }) {
      return runOrThrow(db, id);
    },
    async setActiveModel({ runId, acceptUntested }) {
      // The one owner of the rule for the CLI, Models' Set active and the top bar's picker alike:
      // a run naming kinds its held-out side never judged is made active only when accepted.
      const refusal = acceptUntested ? null : activationRefusal(runOrThrow(db, runId));
      if (refusal) throw new Error(refusal);
      setActiveRun(db, runId);
      return runOrThrow(db, runId);
    },
    async sessionScores({ sessionId }) {
      return sessionScores(db, sessionId);
    },
    async detectionSet() {
      return readDetectionSet(db);
    },
    async changeDetectionSet(change) {
      if ('kindOff' in change) switchKindOff(db, change.kindOff);
      else setRuleLevel(db, change.ruleLevel);
      return readDetectionSet(db);
    },
  };
}
