import type { Command } from 'commander';
import { scoreCommand } from '../../../src-shared/detection-set.js';
import { activatedInWords, runName } from '../../../src-shared/models.js';
import {
  ACCEPT_UNTESTED_OPTION,
  runUntestedKinds,
  untestedInWords,
} from '../../../src-shared/untested-kinds.js';
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
        // Beside the detector figures above: a threat-type run's kinds it names without a test.
        for (const r of runs) {
          const untested = runUntestedKinds(r);
          if (untested.length)
            say(
              `Run ${r.id} names kinds it was not tested on: ${untested.map((k) => k.kind).join(', ')} (vigil models --run ${r.id})`,
            );
        }
      }),
    );
  // --db and --json belong to `models` (commander reads them before or after `activate`).
  models
    .command('activate')
    .description("Make a finished run its kind's active model (the one scoring and triage use)")
    .argument('<id>', 'run id', positiveIntOption('<id>'))
    .option(
      ACCEPT_UNTESTED_OPTION,
      'activate a threat-type run even though it names kinds its held-out sessions never judged',
    )
    .addHelpText(
      'after',
      `\nA threat-type run whose held-out side judged none (or fewer than 10) of a kind's sessions still
names that kind on new sessions: activation refuses it and names those kinds, unless
${ACCEPT_UNTESTED_OPTION} says you use it knowingly (Models' Set active asks the same).`,
    )
    .action((id: number, local: { acceptUntested?: boolean }) => {
      const options = models.opts<WorkspaceOptions>();
      return withWorkspace(options, async ({ call }) => {
        // The kind has one active run: the one this replaces stops flagging, and the analyst hears
        // which (a threat-type rf steps a malicious-or-not rf down, and the other way round).
        const runs = await call('listRuns', {});
        const kind = runs.find((r) => r.id === id)?.kind;
        const before = runs.find((r) => r.active && r.kind === kind && r.id !== id);
        const acceptUntested = local.acceptUntested === true;
        const run = await call('setActiveModel', { runId: id, acceptUntested }, { runId: '<id>' });
        if (options.json) return printJson(runJson(run));
        say(
          activatedInWords(run, before) +
            (run.scoredSessions === 0
              ? ` It has not scored the sessions yet, so it flags none: ${scoreCommand(run)}.`
              : ''),
        );
        // Accepted knowingly: still said, so the terminal's record names the untested kinds.
        const untested = untestedInWords(run);
        if (untested) say(`Warning: ${untested}`);
      });
    });
}
