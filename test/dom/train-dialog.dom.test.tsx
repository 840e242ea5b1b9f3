// The Train dialog: checks the form before calling the core, sends the chosen kind/labels/split/
// params, follows the job, and explains a refused training in plain words.
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PARAMS } from '../../src-main/core/ml/nn/params.js';
import { TrainDialog } from '../../src-renderer/views/models/TrainDialog.js';
import { answers, calls } from './fake-api.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
// Two cores shared by many test runs: give React's renders more than the default second.
configure({ asyncUtilTimeout: 5000 });

// The core's reason for the embedded CloudWatch sample (src-main/core/ml/evaluate/labels.ts).
const SAMPLE_REFUSAL =
  'Refusing to train: every session in this data has detection type waf_rule (282 sessions) and there is no label column — one class, nothing to learn (a classifier would score 100 % by always answering it; the embedded CloudWatch sample is such data). Give labels with both classes via --labels column:NAME (…)';

const job = (state: string, extra: object = {}) => ({
  jobId: 'j1',
  kind: 'train',
  state,
  fraction: state === 'running' ? 0.4 : 1,
  message: state === 'running' ? '40 trees built' : 'done',
  importId: null,
  counts: null,
  bytesRead: 0,
  bytesTotal: null,
  file: null,
  error: null,
  runId: 5,
  ...extra,
});

beforeEach(() => {
  calls.length = 0;
  answers.train = () => ({ jobId: 'j1' });
  answers.cancelJob = () => ({ cancelled: true });
});
afterEach(cleanup);

const set = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
const trainCalls = () => calls.filter((c) => c.name === 'train');

describe('Train dialog', () => {
  it("shows each kind's own defaults, as the core applies them, where a field is left empty", () => {
    render(<TrainDialog open onClose={() => {}} />);
    const placeholder = (key: string) => screen.getByTestId(`train-param-${key}`).getAttribute('placeholder');
    set('train-kind', 'dense');
    // QA read "20" and "0" here while a network trained 30 epochs from seed 42.
    expect(placeholder('epochs')).toBe(String(DEFAULT_PARAMS.epochs));
    expect(placeholder('seed')).toBe(`${DEFAULT_PARAMS.seed} (the split: 0)`);
    expect(placeholder('flagRate')).toBe('from validation');
    set('train-kind', 'iforest');
    expect(placeholder('seed')).toBe('0');
    // The Isolation Forest has no validation side: it flags at its contamination (auto: score ≥ 0.5).
    expect(placeholder('flagRate')).toBe('from contamination');
  });

  it('lists what is wrong with the form and calls nothing', async () => {
    render(<TrainDialog open onClose={() => {}} />);
    set('train-kind', 'rf');
    set('train-param-trees', 'many');
    set('train-param-maxDepth', '500');
    fireEvent.click(screen.getByTestId('train-start'));
    const problems = screen.getByTestId('train-problems').textContent;
    expect(problems).toContain('Trees: "many" is not a number');
    set('train-param-trees', '50');
    fireEvent.click(screen.getByTestId('train-start'));
    expect(screen.getByTestId('train-problems').textContent).toMatch(/^Max depth: /);
    set('train-labels', 'detection-map');
    set('train-param-maxDepth', '');
    set('train-map', 'port_scan = evil');
    fireEvent.click(screen.getByTestId('train-start'));
    expect(screen.getByTestId('train-problems').textContent).toContain('Detection map line 1');
    expect(trainCalls()).toHaveLength(0);
  });

  it('sends kind, labels, split and params, shows progress and cancels', async () => {
    answers.jobStatus = () => job('running');
    render(<TrainDialog open onClose={() => {}} />);
    set('train-kind', 'rf');
    set('train-labels', 'detection-map');
    set('train-map', 'port_scan = malicious\nwaf_rule = benign');
    set('train-split', 'ip');
    set('train-param-trees', '50');
    fireEvent.click(screen.getByTestId('train-start'));
    await waitFor(() => expect(trainCalls()).toHaveLength(1));
    expect(trainCalls()[0]!.args).toEqual({
      kind: 'rf',
      labels: { type: 'detection-map', map: { port_scan: 'malicious', waf_rule: 'benign' } },
      split: 'ip',
      params: { trees: 50 },
    });
    await waitFor(() => expect(screen.getByTestId('train-message').textContent).toBe('40 trees built'));
    fireEvent.click(screen.getByTestId('train-cancel'));
    await waitFor(() => expect(calls.some((c) => c.name === 'cancelJob')).toBe(true));
  });

  it('sends a threat-type training with a map to kinds, and refuses it for the Isolation Forest', async () => {
    answers.jobStatus = () => job('running');
    render(<TrainDialog open onClose={() => {}} />);
    set('train-target', 'type');
    fireEvent.click(screen.getByTestId('train-start'));
    expect(screen.getByTestId('train-problems').textContent).toMatch(
      /^Learn: the Isolation Forest learns no labels/,
    );
    set('train-kind', 'rf');
    set('train-labels', 'detection-map');
    set('train-map', 'sqli_rule = SQL Injection');
    fireEvent.click(screen.getByTestId('train-start'));
    expect(screen.getByTestId('train-problems').textContent).toContain('= a kind');
    set('train-map', 'sqli_rule = sql_injection\nallowed = benign');
    fireEvent.click(screen.getByTestId('train-start'));
    await waitFor(() => expect(trainCalls()).toHaveLength(1));
    expect(trainCalls()[0]!.args).toEqual({
      kind: 'rf',
      target: 'type',
      labels: { type: 'detection-map', map: { sqli_rule: 'sql_injection', allowed: 'benign' } },
      params: {},
    });
  });

  it('explains a kind too rare to learn, and leaves such kinds out when the box is ticked', async () => {
    const refused =
      'Refusing to train a threat-type model: web-log4shell-jndi (6) has fewer than 10 examples, and merged into "other" they make 6, still too few to learn and to test on (labels: benign: 980, web-xss: 27, web-log4shell-jndi: 6). Label more sessions of that kind, map it to a larger kind, or leave it out of this run (--rare-kinds leave-out; the run names it).';
    answers.jobStatus = () => job('failed', { error: refused, message: refused, runId: null });
    render(<TrainDialog open onClose={() => {}} />);
    expect(screen.queryByTestId('train-leave-out-rare')).toBeNull();
    set('train-kind', 'rf');
    set('train-target', 'type');
    fireEvent.click(screen.getByTestId('train-start'));
    const refusal = await waitFor(() => screen.getByTestId('train-refusal'));
    expect(refusal.textContent).toContain('Training refused: a kind is too rare to learn');
    expect(refusal.textContent).toContain('Tick “Leave out kinds too rare to learn”');
    expect(refusal.textContent).toContain('web-log4shell-jndi (6)');
    expect(refusal.textContent).not.toContain('--rare-kinds');
    cleanup();
    calls.length = 0;
    answers.jobStatus = () => job('running');
    render(<TrainDialog open onClose={() => {}} />);
    set('train-kind', 'rf');
    set('train-target', 'type');
    fireEvent.click(screen.getByTestId('train-leave-out-rare'));
    fireEvent.click(screen.getByTestId('train-start'));
    await waitFor(() => expect(trainCalls()).toHaveLength(1));
    expect(trainCalls()[0]!.args).toEqual({ kind: 'rf', target: 'type', params: { rareKinds: 'leave-out' } });
  });

  it('explains a single-class refusal in plain words, without the command-line help', async () => {
    answers.jobStatus = () => job('failed', { error: SAMPLE_REFUSAL, message: SAMPLE_REFUSAL, runId: null });
    render(<TrainDialog open onClose={() => {}} />);
    set('train-kind', 'rf');
    fireEvent.click(screen.getByTestId('train-start'));
    const refusal = await waitFor(() => screen.getByTestId('train-refusal'));
    expect(refusal.textContent).toContain('Training refused: the labels have only one class');
    expect(refusal.textContent).toContain('always giving that one answer');
    expect(refusal.textContent).toContain('train the Isolation Forest');
    expect(refusal.textContent).toContain('detection type waf_rule (282 sessions)');
    expect(refusal.textContent).not.toContain('--labels');
  });

  it('shows a refusal the core gives at once (no job) the same way', async () => {
    answers.train = () => {
      throw new Error(
        'Refusing to train: only 3 malicious sessions among 282 labelled ones; at least 10 of each class are needed.',
      );
    };
    render(<TrainDialog open onClose={() => {}} />);
    set('train-kind', 'dense');
    fireEvent.click(screen.getByTestId('train-start'));
    const refusal = await waitFor(() => screen.getByTestId('train-refusal'));
    expect(refusal.textContent).toContain('too few examples of one class');
  });
  it('offers the flag rate, the window, rule levels and the rule-hit features like the CLI', async () => {
    render(<TrainDialog open onClose={() => {}} />);
    set('train-kind', 'rf');
    set('train-param-flagRate', '0.02');
    set('train-param-windowMinutes', '30');
    fireEvent.click(screen.getByTestId('train-rule-features'));
    fireEvent.click(screen.getByTestId('train-start'));
    await waitFor(() => expect(trainCalls()).toHaveLength(1));
    expect(trainCalls()[0]!.args).toEqual({
      kind: 'rf',
      params: { flagRate: 0.02, windowMinutes: 30, ruleHitFeatures: false },
    });
    // A fresh dialog (the first one follows its job). A flag rate outside (0, 1) is refused
    // beside its field's name.
    cleanup();
    render(<TrainDialog open onClose={() => {}} />);
    set('train-kind', 'rf');
    set('train-param-flagRate', '2');
    fireEvent.click(screen.getByTestId('train-start'));
    expect(screen.getByTestId('train-problems').textContent).toMatch(/^Flag rate/);
    // Rule-hit labels: a level to count from, and the rule-hit features left out (and said so).
    set('train-param-flagRate', '');
    set('train-param-windowMinutes', '30');
    set('train-labels', 'rule-hits');
    set('train-rule-level', 'high');
    const features = screen.getByTestId('train-rule-features') as HTMLInputElement;
    expect(features.disabled).toBe(true);
    expect(features.checked).toBe(false);
    expect(features.parentElement?.textContent).toContain('left out: the labels are the rule hits');
    fireEvent.click(screen.getByTestId('train-start'));
    await waitFor(() => expect(trainCalls()).toHaveLength(2));
    expect(trainCalls()[1]!.args).toEqual({
      kind: 'rf',
      labels: { type: 'rule-hits', level: 'high' },
      params: { windowMinutes: 30 },
    });
  });
});
