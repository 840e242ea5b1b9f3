import type { Command } from 'commander';
import { scoreCommand } from '../../../src-shared/detection-set.js';
import { activatedInWords, runName } from '../../../src-shared/models.js';
import { describeRun, runJson } from '../model-output.js';
import { printJson, table, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';
import { positiveIntOption } from './option-values.js';

const fixed = (n: number | undefined) => (n === undefined ? '-' : n.toFixed(3));

export function registerModels(program: Command): void {
  const models = withCommonOptions(
    program
      .command('models')
      .description('List model runs with their metrics beside the majority-class baseline')
      .option('--run <id>', 'show one run in full', positiveIntOption('--run')),
  )
    .addHelpText(
      'after',
      '\nROC-AUC and PR-AUC are measured on held-out sessions; "base" columns are the baseline.',
    )
    .action((options: WorkspaceOptions & { run?: number }) =>
      withWorkspace(options, async ({ call }) => {
        if (options.run !== undefined) {
          const run = await call('getRun', { id: options.run }, { id: '--run' });
          return options.json ? printJson(runJson(run)) : say(describeRun(run));
        }
        const runs = await call('listRuns', {});
        if (options.json) return printJson(runs.map(runJson));
        if (runs.length === 0) return say('No model runs yet: vigil train --model iforest|rf|dense|conv1d');
        say(
          table([
            [
              'id',
              'kind',
              'status',
              'active',
              'backend',
              'split',
              'roc-auc',
              'base',
              'pr-auc',
              'base',
              'f1',
              'base',
              'scored',
              'flagged',
            ],
            ...runs.map((r) => [
              r.id,
              runName(r),
              r.status,
              r.active ? 'yes' : '',
              r.backend,
              r.split ?? '-',
              fixed(r.metrics?.model.rocAuc),
              fixed(r.metrics?.baseline.rocAuc),
              fixed(r.metrics?.model.prAuc),
              fixed(r.metrics?.baseline.prAuc),
              fixed(r.metrics?.model.f1),
              fixed(r.metrics?.baseline.f1),
              r.scoredSessions,
              r.flaggedSessions,
            ]),
          ]),
        );
      }),
    );
  // --db and --json belong to `models` (commander reads them before or after `activate`).
  models
    .command('activate')
    .description("Make a finished run its kind's active model (the one scoring and triage use)")
    .argument('<id>', 'run id', positiveIntOption('<id>'))
    .action((id: number) => {
      const options = models.opts<WorkspaceOptions>();
      return withWorkspace(options, async ({ call }) => {
        // The kind has one active run: the one this replaces stops flagging, and the analyst hears
        // which (a threat-type rf steps a malicious-or-not rf down, and the other way round).
        const runs = await call('listRuns', {});
        const kind = runs.find((r) => r.id === id)?.kind;
        const before = runs.find((r) => r.active && r.kind === kind && r.id !== id);
        const run = await call('setActiveModel', { runId: id }, { runId: '<id>' });
        if (options.json) return printJson(runJson(run));
        say(
          activatedInWords(run, before) +
            (run.scoredSessions === 0
              ? ` It has not scored the sessions yet, so it flags none: ${scoreCommand(run)}.`
              : ''),
        );
      });
    });
}
