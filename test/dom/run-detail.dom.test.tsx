// A model run's detail: metrics beside the baseline with the gain, the confusion matrix, curves
// when the run stored points (a plain note when not), and importances.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunDetail } from '../../src-renderer/views/models/RunDetail.js';
import type { BinaryMetrics, ModelRun } from '../../src-shared/models.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
// happy-dom has no 2D canvas for ECharts: a stand-in shows the series the option would draw.
vi.mock('../../src-renderer/charts/EChart.js', () => ({
  EChart: ({
    option,
    testId,
  }: {
    option: ((theme: object) => { series: { data: unknown }[] }) | null;
    testId: string;
  }) => (
    <div
      data-testid={testId}
      data-state={option ? 'ready' : 'empty'}
      data-series={option ? JSON.stringify(option({ series: [] }).series.map((s) => s.data)) : undefined}
    />
  ),
}));
afterEach(cleanup);

const metrics = (rocAuc: number, f1: number, confusion: BinaryMetrics['confusion']): BinaryMetrics => ({
  rocAuc,
  prAuc: rocAuc - 0.1,
  precision: f1,
  recall: f1,
  f1,
  threshold: 0.5,
  confusion,
});

function run(extra: Partial<NonNullable<ModelRun['metrics']>> = {}): ModelRun {
  return {
    id: 4,
    kind: 'rf',
    target: 'malicious',
    status: 'done',
    createdAt: Date.UTC(2024, 3, 26),
    finishedAt: Date.UTC(2024, 3, 26),
    params: { trees: 50 },
    labelSource: { type: 'column', column: 'label' },
    split: 'ip',
    metrics: {
      model: metrics(0.93, 0.8, { tp: 40, fp: 10, tn: 940, fn: 10 }),
      baseline: metrics(0.5, 0, { tp: 0, fp: 0, tn: 950, fn: 50 }),
      trainRows: 4000,
      testRows: 1000,
      trainPositives: 200,
      testPositives: 50,
      labelCounts: { malicious: 250, benign: 4750 },
      ...extra,
    },
    backend: 'cpu',
    durationMs: 2300,
    dataSnapshot: [1],
    threshold: 0.5,
    message: null,
    active: true,
    features: ['log_bytes_in', 'log_bytes_out'],
    scoredSessions: 0,
    flaggedSessions: 0,
  };
}

describe('run detail', () => {
  it('says when the held-out side has too few of a class to judge precision, recall and F1', () => {
    // 4 held-out attacks, all caught: recall 1.000 — but one attack more or less moves it by 0.25.
    render(
      <RunDetail
        run={run({
          model: metrics(1, 1, { tp: 4, fp: 0, tn: 121, fn: 0 }),
          baseline: metrics(0.5, 0, { tp: 0, fp: 0, tn: 121, fn: 4 }),
          testRows: 125,
          testPositives: 4,
        })}
      />,
    );
    expect(screen.getByTestId('run-few-held-out').textContent).toBe(
      'Too few to judge: only 4 malicious sessions were held out, so one of them moves recall by 0.25; precision, recall and F1 here are a rough sign, not a measure. Label more sessions to test on.',
    );
    cleanup();
    // 50 held-out attacks and 950 benign: enough, and no such note.
    render(<RunDetail run={run()} />);
    expect(screen.queryByTestId('run-few-held-out')).toBeNull();
  });

  it('says when the run has already scored the sessions before scoring them again', () => {
    render(<RunDetail run={{ ...run(), scoredSessions: 5000 }} />);
    expect(screen.getByTestId('score-run').textContent).toBe('Score all sessions again');
    expect(screen.getByTestId('score-already').textContent).toMatch(/already scored 5,000 sessions/);
    cleanup();
    render(<RunDetail run={run()} />);
    expect(screen.getByTestId('score-run').textContent).toBe('Score all sessions');
    expect(screen.queryByTestId('score-already')).toBeNull();
  });

  it('shows each metric beside the baseline with the gain, and the confusion matrix', () => {
    render(<RunDetail run={run()} />);
    const rows = within(screen.getByTestId('metrics-compare')).getAllByRole('row');
    expect(rows[1]!.textContent).toBe('ROC-AUC0.9300.500+0.430');
    expect(rows[5]!.textContent).toBe('F10.8000.000+0.800');
    const cell = (name: string) =>
      screen.getByTestId('confusion-matrix').querySelector(`[data-cell="${name}"]`)!.textContent;
    expect([cell('tp'), cell('fn'), cell('fp'), cell('tn')]).toEqual(['40', '10', '10', '940']);
    expect(screen.getByTestId('curves-missing').textContent).toContain('No ROC or PR curve points');
  });

  it('shows a hollow gain plain and says why, never green', () => {
    const hollow = metrics(0.7, 0.047, { tp: 9, fp: 366, tn: 615, fn: 10 });
    render(<RunDetail run={run({ model: { ...hollow, precision: 0.024, recall: 0.9 } })} />);
    const gainCell = (row: number) =>
      within(screen.getByTestId('metrics-compare')).getAllByRole('row')[row]!.querySelector('td:last-child')!;
    expect(gainCell(1).getAttribute('data-tone')).toBe('gain');
    for (const row of [3, 4, 5]) {
      expect(gainCell(row).classList.contains('gain')).toBe(false);
      expect(gainCell(row).getAttribute('data-tone')).toBe('hollow');
    }
    expect(gainCell(3).textContent).toBe('+0.024*');
    expect(screen.getByTestId('hollow-gains').textContent).toMatch(
      /^\* Not a gain: Precision: 0\.024 is no better than chance on this test set \(0\.050\); Recall: nine flags in ten or more are false alarms \(precision 0\.024\); F1: 0\.047 is no better than chance on this test set \(0\.095\)\.$/,
    );
    // One line per reason: the same reason for three figures is said once, naming all three.
    cleanup();
    render(
      <RunDetail
        run={run({ model: { ...hollow, precision: 0.05, recall: 0.9, f1: 0.095 }, testPositives: 10 })}
      />,
    );
    expect(screen.getByTestId('hollow-gains').textContent).toBe(
      '* Not a gain: Precision, Recall, F1: nine flags in ten or more are false alarms (precision 0.050).',
    );
  });

  it('says how many sessions the model was fitted on, and how many chose its threshold', () => {
    // Fitted on the training side less its validation slice: the side alone overstated it.
    render(
      <RunDetail
        run={run({
          thresholdFrom: 'validation',
          fitted: { rows: 2900, positives: 140 },
          validation: { rows: 1000, positives: 55 },
        })}
      />,
    );
    expect(screen.getByTestId('run-trained-on').textContent).toBe(
      'Fitted on 2,900 sessions (140 malicious), threshold chosen on 1,000 other sessions of the training side (55 malicious), not fitted on; tested on 1,000 (50 malicious).',
    );
    cleanup();
    render(<RunDetail run={run({ thresholdFrom: 'flag-rate', fitted: { rows: 4000, positives: 200 } })} />);
    expect(screen.getByTestId('run-trained-on').textContent).toBe(
      'Trained on 4,000 sessions (200 malicious); tested on 1,000 (50 malicious).',
    );
    // Stored before the figure was kept: the training side, and no size guessed for the slice.
    cleanup();
    render(<RunDetail run={run({ thresholdFrom: 'validation' })} />);
    expect(screen.getByTestId('run-trained-on').textContent).toBe(
      'Its training side held 4,000 sessions (200 malicious), less the validation slice that chose its threshold, not fitted on (its size was not recorded then); tested on 1,000 (50 malicious).',
    );
    cleanup();
    render(<RunDetail run={run({ thresholdFrom: 'default' })} />);
    expect(screen.getByTestId('run-trained-on').textContent).toMatch(
      /^Trained on 4,000 sessions \(200 malicious\);/,
    );
  });

  it('says which features a run left out and why (rule-derived labels)', () => {
    const excluded = {
      features: ['rule_hits_high', 'src_window_rule_hit_sessions'],
      reason:
        'The labels are the detection-rule hits, so the rule-hit features are left out (label leakage).',
    };
    render(<RunDetail run={run({ excludedFeatures: excluded })} />);
    expect(screen.getByTestId('run-excluded-features').textContent).toBe(
      `${excluded.reason} Left out: Rule hits: high, Sessions with a rule hit, per source.`,
    );
    cleanup();
    render(<RunDetail run={run()} />);
    expect(screen.queryByTestId('run-excluded-features')).toBeNull();
  });

  it('draws ROC and PR curves and lists importances when the run has them', () => {
    render(
      <RunDetail
        run={run({
          curves: {
            roc: [
              [0, 0],
              [0.1, 0.8],
              [1, 1],
            ],
            pr: [
              [0.5, 1],
              [1, 0.4],
            ],
          },
          importances: [
            { feature: 'log_bytes_out', importance: 0.6 },
            { feature: 'log_bytes_in', importance: 0.4 },
          ],
        })}
      />,
    );
    // The curve, then the reference: the chance diagonal (ROC), the malicious share 50/1000 (PR).
    expect(JSON.parse(screen.getByTestId('roc-chart').dataset.series!)).toEqual([
      [
        [0, 0],
        [0.1, 0.8],
        [1, 1],
      ],
      [
        [0, 0],
        [1, 1],
      ],
    ]);
    expect(JSON.parse(screen.getByTestId('pr-chart').dataset.series!)[1]).toEqual([
      [0, 0.05],
      [1, 0.05],
    ]);
    expect(screen.queryByTestId('curves-missing')).toBeNull();
    const items = within(screen.getByTestId('importances')).getAllByRole('listitem');
    // Named in words; the column's own name is the tooltip.
    expect(items.map((item) => item.textContent)).toEqual(['Bytes out (log)0.600', 'Bytes in (log)0.400']);
    expect(items.map((item) => item.querySelector('.why-feature')?.getAttribute('title'))).toEqual([
      'log_bytes_out',
      'log_bytes_in',
    ]);
  });

  it('shows a threat-type run per kind: the table, the averages, the K×K matrix and its notes', () => {
    const perKind = (kind: string, support: number, f1: number) => ({
      kind,
      support,
      trainSupport: 100,
      precision: f1,
      recall: f1,
      f1,
      prAuc: support ? f1 : null,
      baseline: { precision: 0, recall: 0, f1: 0, prAuc: support ? 0.1 : null },
    });
    const multiclass = {
      classes: ['benign', 'brute_force', 'port_scan'],
      confusion: [
        [900, 4, 0],
        [3, 47, 0],
        [0, 0, 0],
      ],
      perClass: [perKind('benign', 904, 0.99), perKind('brute_force', 50, 0.92), perKind('port_scan', 0, 0)],
      model: { macroF1: 0.955, weightedF1: 0.986, accuracy: 0.992 },
      baseline: { kind: 'benign', macroF1: 0.487, weightedF1: 0.924, accuracy: 0.948 },
      labelCounts: [],
      merged: [{ kind: 'jndi', sessions: 6 }],
      leftOut: [{ kind: 'ssti', sessions: 3 }],
      notes: ['port_scan: no held-out session, so its figures say nothing.'],
    };
    render(<RunDetail run={{ ...run({ multiclass }), target: 'type' }} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Run #4: rf (threat types)');
    expect(screen.getByTestId('run-as-detector')).toBeTruthy();
    const heads = within(screen.getByTestId('kind-table')).getAllByRole('columnheader');
    // Stored before the kinds' fitted counts were kept: the training side's, named as such.
    expect(heads[2]!.textContent).toBe('Training side');
    const rows = within(screen.getByTestId('kind-table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      ['benign', '904', '100', '0.990', '0.990', '0.990', '0.990', '0.000', '0.100', 'judged'],
      ['brute_force', '50', '100', '0.920', '0.920', '0.920', '0.920', '0.000', '0.100', 'judged'],
      // Never held out: no figure to read, and the row and a note say why.
      ['port_scan', '0', '100', '—', '—', '—', '—', '—', '—', 'not tested (none held out)'],
    ]);
    // Above the table: the kinds the run names untested, in the words activation uses.
    expect(screen.getByTestId('kind-untested').textContent).toBe(
      'Run 4 names 1 kind on new sessions that it was not tested on: port_scan (no held-out session); its flags of that kind are unmeasured guesses.',
    );
    expect(within(screen.getByTestId('kind-averages')).getByText('Macro F1').parentElement?.textContent).toBe(
      'Macro F10.9550.487',
    );
    const matrix = screen.getByTestId('kind-confusion');
    const cells = [...matrix.querySelectorAll('tbody td')];
    expect(cells.map((cell) => cell.textContent)).toEqual(['900', '4', '0', '3', '47', '0', '0', '0', '0']);
    // Right calls green, wrong ones red, empty cells plain.
    expect(cells.map((cell) => cell.className.replace('num', '').trim())).toEqual([
      'hit',
      'miss',
      '',
      'miss',
      'hit',
      '',
      '',
      '',
      '',
    ]);
    expect(screen.getByTestId('kind-merged').textContent).toContain('jndi (6)');
    expect(screen.getByTestId('kind-left-out').textContent).toMatch(/^Left out of this run.*: ssti \(3\)\.$/);
    expect(screen.getByTestId('kind-note').textContent).toContain('port_scan: no held-out session');

    // A run that kept them shows the sessions of each kind the model was fitted on.
    cleanup();
    const fitted = { ...multiclass, perClass: multiclass.perClass.map((c) => ({ ...c, fitSupport: 75 })) };
    render(<RunDetail run={{ ...run({ multiclass: fitted }), target: 'type' }} />);
    expect(within(screen.getByTestId('kind-table')).getAllByRole('columnheader')[2]!.textContent).toBe(
      'Fitted on',
    );
    const first = within(screen.getByTestId('kind-table')).getAllByRole('row')[1]!;
    expect(first.children[2]!.textContent).toBe('75');
  });

  it('marks a kind held out fewer than 10 times as not judged beside its figures', () => {
    const kind = (name: string, support: number) => ({
      kind: name,
      support,
      trainSupport: 60,
      fitSupport: 60,
      tested: support >= 10 ? ('judged' as const) : ('too-few' as const),
      precision: 1,
      recall: 1,
      f1: 1,
      prAuc: 1,
      baseline: { precision: 0, recall: 0, f1: 0, prAuc: 0.01 },
    });
    const multiclass = {
      classes: ['benign', 'xss'],
      confusion: [
        [300, 0],
        [0, 3],
      ],
      perClass: [kind('benign', 300), kind('xss', 3)],
      model: { macroF1: 1, weightedF1: 1, accuracy: 1 },
      baseline: { kind: 'benign', macroF1: 0.5, weightedF1: 0.98, accuracy: 0.99 },
      labelCounts: [],
      merged: [],
      notes: [],
    };
    render(<RunDetail run={{ ...run({ multiclass }), target: 'type' }} />);
    const xss = within(screen.getByTestId('kind-table')).getByText('xss').closest('tr')!;
    expect(xss.lastElementChild?.textContent).toBe('not judged (3 held out)');
    expect(xss.className).toBe('muted');
    expect(screen.getByTestId('kind-untested').textContent).toContain('xss (only 3 held out, fewer than 10)');
  });

  it('shows no per-kind figures for a run that answers malicious or not', () => {
    render(<RunDetail run={run()} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Run #4: rf');
    expect(screen.queryByTestId('kind-metrics')).toBeNull();
    expect(screen.queryByTestId('run-as-detector')).toBeNull();
  });

  it('says what the held-out figures were measured on, and warns when a few chosen labels meet a flood of flags', () => {
    // Verdicts on 459 of 30,000 sessions; the run flags 2 in 3 sessions at a held-out precision of 0.8.
    const population = { sessions: 30_000, labelled: 459, flagged: 20_000 };
    render(<RunDetail run={run({ population })} />);
    expect(screen.getByTestId('run-measured-on').textContent).toBe(
      'Held-out figures: 1,000 of the 459 labelled sessions (labels on 1.5 % of 30,000); at its threshold the run flags 20,000 of all sessions (67 %).',
    );
    expect(screen.getByTestId('run-population-warning').textContent).toMatch(
      /^This run flags 67 % of all sessions, but its held-out figures describe only 1,000 labelled sessions \(5\.0 % malicious\), not the traffic/,
    );
    cleanup();
    // Labels on every session: the held-out side is the traffic, a large flagged share is no surprise.
    render(<RunDetail run={run({ population: { sessions: 5000, labelled: 5000, flagged: 1500 } })} />);
    expect(screen.getByTestId('run-measured-on').textContent).toContain('labels on 100 % of 5,000');
    expect(screen.queryByTestId('run-population-warning')).toBeNull();
    cleanup();
    // A run from before the population was kept says nothing it does not know.
    render(<RunDetail run={run()} />);
    expect(screen.queryByTestId('run-measured-on')).toBeNull();
  });

  it('writes a tiny Conv1D threshold with its digits, not as 0.000', () => {
    const tiny = run();
    tiny.kind = 'conv1d';
    tiny.metrics!.model = { ...tiny.metrics!.model, threshold: 0.000_123_4 };
    render(<RunDetail run={tiny} />);
    expect(screen.getByText(/^Confusion matrix/).textContent).toBe(
      'Confusion matrix (test rows, threshold 0.000123)',
    );
  });

  it('says where the threshold came from, and warns of an untuned default', () => {
    const untuned = run();
    untuned.metrics!.thresholdFrom = 'default';
    render(<RunDetail run={untuned} />);
    const said = screen.getByTestId('run-threshold-from');
    expect(said.className).toBe('warn-note');
    expect(said.textContent).toMatch(
      /^Threshold 0\.\d{3}: the default 0\.5, not tuned: the training side’s attacks were too few/,
    );
    cleanup();
    const validated = run();
    validated.metrics!.thresholdFrom = 'validation';
    render(<RunDetail run={validated} />);
    expect(screen.getByTestId('run-threshold-from').className).toBe('muted');
  });

  it('says why an unevaluated run has no metrics', () => {
    render(<RunDetail run={{ ...run(), kind: 'iforest', metrics: null, labelSource: null, split: null }} />);
    const said = screen.getByTestId('run-not-evaluated').textContent ?? '';
    expect(said).toContain('no usable labels');
    // One sentence, one full stop (it once ended in "against..").
    expect(said).toMatch(/[^.]\.$/);
  });
});
