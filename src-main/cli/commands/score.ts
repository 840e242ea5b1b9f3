import type { Command } from 'commander';
import { activeRun, getRun } from '../../core/db/model-runs.js';
import { openDatabase } from '../../core/db/open.js';
import { reportUnfinished, runModelJob } from '../model-job.js';
import { type CommonOptions, printJson, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';

interface ScoreOptions extends CommonOptions {
  run?: number;
}

export function registerScore(program: Command): void {
  withCommonOptions(
    program
      .command('score')
      .description('Score every stored session with a model run and flag the suspicious ones')
      .option(
        '--run <id>',
        'the run to score with (default: the most recently finished active model)',
        Number,
      ),
  )
    .addHelpText(
      'after',
      '\nScores replace the run\'s previous scores. Flagged sessions get the top features behind the flag\n("why flagged"). Ctrl-C cancels and removes the partial scores.',
    )
    .action(async (options: ScoreOptions) => {
      const db = openDatabase(options.db);
      try {
        const run = options.run !== undefined ? getRun(db, options.run) : activeRun(db);
        if (!run)
          throw new Error(
            options.run !== undefined
              ? `No model run with id ${options.run}`
              : 'No active model: train one first (vigil train).',
          );
        if (run.status !== 'done')
          throw new Error(`Run ${run.id} is ${run.status}: only a finished run can score`);
        const outcome = await runModelJob(db, options.db, `score run ${run.id}`, !options.json, (jobs) =>
          jobs.score(run.id),
        );
        if (reportUnfinished(outcome, 'Scoring')) return;
        const after = getRun(db, run.id)!;
        const summary = {
          runId: run.id,
          kind: run.kind,
          scored: after.scoredSessions,
          flagged: after.flaggedSessions,
          threshold: after.threshold,
        };
        if (options.json) return printJson(summary);
        say(
          `Run ${run.id} (${run.kind}): ${summary.scored} sessions scored, ${summary.flagged} flagged (score ≥ ${after.threshold?.toFixed(3)})`,
        );
      } finally {
        db.close();
      }
    });
}
