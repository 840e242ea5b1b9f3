import { type Command, Option } from 'commander';
import {
  MODEL_KINDS,
  type ModelKind,
  type ModelParams,
  SPLITS,
  type SplitKind,
} from '../../../src-shared/models.js';
import { must } from '../../../src-shared/must.js';
import { RARE_KIND_CHOICES, type RareKinds, TARGETS, type Target } from '../../../src-shared/threat-types.js';
import { parseLabelSpec } from '../../core/ml/evaluate/index.js';
import { readTextFile } from '../file-errors.js';
import { followJob } from '../follow-job.js';
import { reportUnfinished } from '../model-job.js';
import { describeRun, runJson } from '../model-output.js';
import { printJson, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';

interface TrainOptions extends WorkspaceOptions {
  model: ModelKind;
  target?: Target;
  labels?: string;
  split?: SplitKind;
  trees?: number;
  maxSamples?: number;
  contamination?: number;
  flagRate?: number;
  epochs?: number;
  seed?: number;
  window?: number;
  /** Commander's negation of --no-rule-features: false when given. */
  ruleFeatures: boolean;
  rareKinds?: RareKinds;
}

const int = (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`"${value}" is not a whole number`);
  return n;
};
const rate = (value: string) => {
  const n = Number(value);
  if (!(n > 0 && n < 1)) throw new Error(`"${value}" is not a share between 0 and 1`);
  return n;
};

export function registerTrain(program: Command): void {
  withCommonOptions(
    program
      .command('train')
      .description('Train a detection model on the stored sessions and evaluate it on held-out data')
      .addOption(new Option('--model <kind>', 'model kind').choices(MODEL_KINDS).makeOptionMandatory())
      .addOption(
        new Option(
          '--target <what>',
          'malicious: attack or not (default); type: which kind of attack (rf, dense)',
        ).choices(TARGETS),
      )
      .option(
        '--labels <source>',
        'column:NAME | detection-map:FILE | verdicts | rule-hits | rules:LEVEL (default: the label column)',
      )
      .addOption(
        new Option(
          '--split <kind>',
          'how to hold out test data (default: time if > 1 day, else ip; then the next that keeps both classes on both sides)',
        ).choices(SPLITS),
      )
      .option('--trees <n>', 'trees (iforest, rf; default 100)', int)
      .option('--max-samples <n>', 'rows per isolation tree (default 256)', int)
      .option(
        '--contamination <share>',
        'iforest: expected share of anomalies (sets the flag threshold)',
        rate,
      )
      .option('--flag-rate <share>', 'flag this share of sessions (threshold from the training scores)', rate)
      .option('--epochs <n>', 'training epochs (dense, conv1d; default 30, early stopping)', int)
      .option('--seed <n>', 'random seed (same data + seed = same model)', int)
      .option('--window <minutes>', 'per-source behaviour window (default 60)', int)
      .option(
        '--no-rule-features',
        'leave the detection-rule hits out of the features (always out with rule-derived labels)',
      )
      .addOption(
        new Option(
          '--rare-kinds <what>',
          'type: kinds too rare to learn even as "other": refuse (default) or leave-out of the run',
        ).choices(RARE_KIND_CHOICES),
      ),
  )
    .addHelpText(
      'after',
      `
Models: iforest (Isolation Forest, unsupervised: labels only evaluate it), rf (Random Forest),
dense (dense network), conv1d (1-D convolution over each source's recent sessions).

Labels: column:NAME reads a column of the data (values benign/normal/0/false are benign, any other
value malicious, empty = unlabelled); detection-map:FILE reads a JSON object mapping detection
types to "malicious" or "benign"; verdicts uses the analysts' verdicts; rule-hits takes a
detection-rule hit as malicious and no hit as benign (rule hits as labels, stated as such);
rules:LEVEL does the same with hits at LEVEL (informational … critical) or above only.

Features: the session's flow features and its source's behaviour over the window; the request's
shape when the data has HTTP requests; the detection-rule hits per level and per source when the
data has hits, except with rule-derived labels (the run says they were left out: label leakage)
or --no-rule-features.

Threat types (--target type, rf or dense): one class per kind of attack named by the labels
(a label column's values like brute_force, a detection map to kinds, the kinds analysts gave
with malicious verdicts, or with rule-hits the file name of each session's most severe rule),
benign one of them. Kinds with fewer than 10 sessions are merged into
"other"; if "other" is still under 10, training is refused with the counts, or with
--rare-kinds leave-out those kinds are left out of training and testing (as unlabelled) and the
run names them; with only one class left, training is refused. Each kind is evaluated on the
held-out side beside the majority baseline.

Splits: time (train on earlier, test on later traffic), ip (no source IP on both sides), random
(stratified). Metrics are measured on the held-out side, beside a baseline that always answers
the majority class. Training on one class, or with fewer than 10 of the rarer class, is refused:
the command exits 1 with the reason on stderr.`,
    )
    .action(async (options: TrainOptions) => {
      const labels = options.labels
        ? parseLabelSpec(options.labels, (file) => {
            const text = readTextFile(file, 'detection map');
            try {
              return JSON.parse(text);
            } catch {
              throw new Error(
                `detection map ${file} is not JSON: write {"waf_rule": "malicious", "allowed": "benign"}.`,
              );
            }
          })
        : undefined;
      const params: ModelParams = {
        trees: options.trees,
        maxSamples: options.maxSamples,
        contamination: options.contamination,
        flagRate: options.flagRate,
        epochs: options.epochs,
        seed: options.seed,
        windowMinutes: options.window,
        ruleHitFeatures: options.ruleFeatures ? undefined : false,
        rareKinds: options.rareKinds,
      };
      await withWorkspace(options, async ({ core, call }) => {
        const { jobId } = await call('train', {
          kind: options.model,
          target: options.target,
          labels,
          split: options.split,
          params: dropUndefined(params),
        });
        const job = await followJob(core, jobId, {
          label: `train ${options.model}`,
          showProgress: !options.json,
        });
        const listed =
          job.runId === undefined || job.runId === null ? '' : `; run ${job.runId} is listed as cancelled`;
        if (reportUnfinished(job, 'Training', `no model was kept${listed}`)) return;
        const run = await call('getRun', { id: must(job.runId, 'the run of a finished training job') });
        if (options.json) return printJson(runJson(run));
        say(describeRun(run));
        say(`\nScore every session with it: vigil score --run ${run.id}`);
      });
    });
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
