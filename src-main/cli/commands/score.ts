import type { Command } from 'commander';
import { formatScore } from '../../../src-shared/score-format.js';
import { followJob } from '../follow-job.js';
import { reportUnfinished } from '../model-job.js';
import { printJson, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';
import { positiveIntOption } from './option-values.js';

interface ScoreOptions extends WorkspaceOptions {
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
        positiveIntOption('--run'),
      ),
  )
    .addHelpText(
      'after',
      '\nScores replace the run\'s previous scores. Flagged sessions get the top features behind the flag\n("why flagged"). Ctrl-C or SIGTERM cancels: the run keeps its previous scores.',
    )
    .action((options: ScoreOptions) =>
      withWorkspace(options, async ({ core, call }) => {
        const { jobId, runId } = await call('scoreSessions', { runId: options.run });
        const job = await followJob(core, jobId, {
          label: `score run ${runId}`,
          showProgress: !options.json,
        });
        if (reportUnfinished(job, 'Scoring', `run ${runId} keeps the scores it had`)) return;
        const run = await call('getRun', { id: runId });
        const summary = {
          runId,
          kind: run.kind,
          scored: run.scoredSessions,
          flagged: run.flaggedSessions,
          threshold: run.threshold,
        };
        if (options.json) return printJson(summary);
        say(
          `Run ${runId} (${run.kind}${run.target === 'type' ? ', threat types' : ''}): ${summary.scored} sessions scored, ${summary.flagged} flagged (score ≥ ${run.threshold === null ? '–' : formatScore(run.threshold)})`,
        );
      }),
    );
}
