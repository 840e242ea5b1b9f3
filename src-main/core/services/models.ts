// The detection-model operations: train and score as worker jobs, the run registry, and each
// session's scores with "why flagged".
import type { VigilService } from '../../../src-shared/api.js';
import { activeRun, getRun, listRuns, setActiveRun } from '../db/model-runs.js';
import type { Db } from '../db/open.js';
import { sessionScores } from '../db/scores.js';
import type { ModelJobs } from '../jobs/model-jobs.js';

export interface ModelsContext {
  db: Db;
  models: ModelJobs;
}

type ModelOps = 'train' | 'listRuns' | 'getRun' | 'scoreSessions' | 'setActiveModel' | 'sessionScores';

export function modelsService({ db, models }: ModelsContext): Pick<VigilService, ModelOps> {
  const runOrThrow = (id: number) => {
    const run = getRun(db, id);
    if (!run) throw new Error(`No model run with id ${id}`);
    return run;
  };
  return {
    async train({ kind, labels, split, params }) {
      return { jobId: models.train({ kind, labels, split, params }) };
    },
    async listRuns() {
      return listRuns(db);
    },
    async getRun({ id }) {
      return runOrThrow(id);
    },
    async scoreSessions({ runId, kind }) {
      const run = runId !== undefined ? runOrThrow(runId) : activeRun(db, kind);
      if (!run)
        throw new Error(
          `No active ${kind ?? ''} model to score with: train one first (or name a run).`.replace('  ', ' '),
        );
      if (run.status !== 'done')
        throw new Error(`Run ${run.id} is ${run.status}: only a finished run can score sessions`);
      return { jobId: models.score(run.id), runId: run.id };
    },
    async setActiveModel({ runId }) {
      setActiveRun(db, runId);
      return runOrThrow(runId);
    },
    async sessionScores({ sessionId }) {
      return sessionScores(db, sessionId);
    },
  };
}
