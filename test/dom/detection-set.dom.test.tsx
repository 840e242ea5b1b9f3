// One meaning of "flagged": the top bar names the active run of each kind and lets the analyst pick
// another, switch a kind off or set the level from which rule hits flag; the Overview's Flagged
// tile says which set it counts; Models warns of an active run that flags a large share of the
// sessions at a low precision.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DetectionSet } from '../../src-renderer/shell/DetectionSet.js';
import { FloodWarnings } from '../../src-renderer/views/models/FloodWarnings.js';
import { KpiTiles } from '../../src-renderer/views/overview/KpiTiles.js';
import { type DetectionSet as DetectionSetAnswer, detectionSetName } from '../../src-shared/detection-set.js';
import type { ModelRun } from '../../src-shared/models.js';
import { answers, calls } from './fake-api.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const binary = (precision: number) => ({
  rocAuc: 0.7,
  prAuc: 0.1,
  precision,
  recall: 0.6,
  f1: 0.05,
  threshold: 0.5,
  confusion: { tp: 1, fp: 40, tn: 50, fn: 1 },
});

function run(
  id: number,
  kind: ModelRun['kind'],
  active: boolean,
  flagged: number,
  precision: number,
): ModelRun {
  return {
    id,
    kind,
    target: 'malicious',
    status: 'done',
    createdAt: id,
    finishedAt: id,
    params: {},
    labelSource: null,
    split: 'ip',
    metrics: {
      model: binary(precision),
      baseline: binary(0),
      trainRows: 100,
      testRows: 100,
      trainPositives: 5,
      testPositives: 5,
      labelCounts: { malicious: 10, benign: 190 },
    },
    backend: 'cpu',
    durationMs: 1,
    dataSnapshot: [1],
    threshold: 0.5,
    message: null,
    active,
    features: [],
    scoredSessions: 200_000,
    flaggedSessions: flagged,
  };
}

// The case: an Isolation Forest flags 26 511 of 200 000 at precision 0.024, a Random Forest 6 482.
const RUNS = [
  run(12, 'rf', true, 6482, 0.81),
  run(9, 'iforest', true, 46_511, 0.024),
  run(7, 'iforest', false, 2000, 0.3),
];

const SET: DetectionSetAnswer = {
  runs: [
    { id: 9, kind: 'iforest' },
    { id: 12, kind: 'rf' },
  ],
  offKinds: [],
  ruleLevel: 'high',
};

beforeEach(() => {
  calls.length = 0;
  answers.listRuns = () => structuredClone(RUNS);
  answers.detectionSet = () => structuredClone(SET);
  answers.changeDetectionSet = () => structuredClone(SET);
  answers.setActiveModel = (args: { runId: number }) => ({
    ...RUNS.find((r) => r.id === args.runId),
    active: true,
  });
});
afterEach(cleanup);

describe('the active detection set', () => {
  it('is named the same way wherever a flag count shows', () => {
    expect(detectionSetName(SET)).toBe('iforest #9 + rf #12 + rules ≥ high');
    expect(detectionSetName({ runs: [], offKinds: ['rf'], ruleLevel: null })).toBe(
      'nothing (no model on, rules off)',
    );
    render(
      <KpiTiles
        kpis={{ sessions: 200_000, flagged: 50_000, reviewed: null } as never}
        loading={false}
        flaggedBy={detectionSetName(SET)}
      />,
    );
    expect(screen.getByTestId('kpi-flagged').textContent).toContain(
      '50,000 sessions · by iforest #9 + rf #12 + rules ≥ high',
    );
  });

  it('shows the active run of each kind in the top bar, warns of a flood, and switches runs', async () => {
    render(<DetectionSet />, withData);
    const iforest = (await screen.findByTestId('detection-iforest')) as HTMLSelectElement;
    const rf = screen.getByTestId('detection-rf') as HTMLSelectElement;
    expect([rf.value, iforest.value]).toEqual(['12', '9']);
    expect(screen.getAllByTestId('detection-warning').map((w) => w.getAttribute('title'))).toEqual([
      expect.stringMatching(
        /^iforest #9 is active and flags 23 % of the sessions it scored at a precision of 0\.024/,
      ),
    ]);
    await act(async () => void fireEvent.change(iforest, { target: { value: '7' } }));
    expect(calls.filter((c) => c.name === 'setActiveModel').map((c) => c.args)).toEqual([{ runId: 7 }]);
    // The change puts every answer that depends on the active runs out of date: the runs are asked again.
    await act(async () => {});
    expect(calls.filter((c) => c.name === 'listRuns').length).toBeGreaterThan(1);
  });

  it('asks before picking a threat-type run that names kinds it was not tested on, as Models does', async () => {
    // Run 14: rf (threat types), its time split held out no sql_injection session.
    const kind = (name: string, support: number) => ({
      kind: name,
      support,
      trainSupport: 40,
      precision: 1,
      recall: 1,
      f1: 1,
      prAuc: null,
      baseline: { precision: 0, recall: 0, f1: 0, prAuc: null },
    });
    const typed = run(14, 'rf', false, 100, 0.9);
    typed.target = 'type';
    typed.metrics!.multiclass = {
      classes: ['benign', 'sql_injection'],
      confusion: [
        [20, 0],
        [0, 0],
      ],
      perClass: [kind('benign', 20), kind('sql_injection', 0)],
      model: { macroF1: 1, weightedF1: 1, accuracy: 1 },
      baseline: { kind: 'benign', macroF1: 1, weightedF1: 1, accuracy: 1 },
      labelCounts: [],
      merged: [],
      notes: [],
    };
    answers.listRuns = () => [...structuredClone(RUNS), typed];
    let answer = false;
    const asked = vi.fn((_message?: string) => answer);
    window.confirm = asked;
    render(<DetectionSet />, withData);
    const rf = (await screen.findByTestId('detection-rf')) as HTMLSelectElement;
    await act(async () => void fireEvent.change(rf, { target: { value: '14' } }));
    expect(asked.mock.calls[0]?.[0]).toMatch(
      /^Run 14 names 1 kind on new sessions that it was not tested on: sql_injection \(no held-out session\)/,
    );
    expect(calls.filter((c) => c.name === 'setActiveModel')).toEqual([]);
    answer = true;
    await act(async () => void fireEvent.change(rf, { target: { value: '14' } }));
    expect(calls.filter((c) => c.name === 'setActiveModel').map((c) => c.args)).toEqual([
      { runId: 14, acceptUntested: true },
    ]);
  });

  it('is one control in the top bar: the set by name, opening a menu per kind in that order, then the rules', async () => {
    render(<DetectionSet />, withData);
    const summary = await screen.findByTestId('detection-summary');
    await screen.findByTestId('detection-rf');
    expect(summary.textContent).toBe('Flagged byiforest #9 + rf #12 + rules ≥ high⚠▾');
    // The flood ⚠ shows on the closed control too, saying why.
    expect(screen.getByTestId('detection-summary-warning').getAttribute('title')).toMatch(
      /^iforest #9 is active and flags 23 % of the sessions it scored/,
    );
    const menus = [...screen.getByTestId('detection-set').querySelectorAll('select')];
    expect(menus.map((menu) => menu.getAttribute('aria-label'))).toEqual([
      'Active iforest run',
      'Active rf run',
      'Rule hits that flag',
    ]);
    const details = summary.closest('details')!;
    expect(details.open).toBe(false);
    await act(async () => void fireEvent.click(summary));
    expect(details.open).toBe(true);
    // Escape, or a click elsewhere, closes it.
    await act(async () => void fireEvent.keyDown(menus[0]!, { key: 'Escape' }));
    expect(details.open).toBe(false);
    await act(async () => void fireEvent.click(summary));
    await act(async () => void fireEvent.mouseDown(document.body));
    expect(details.open).toBe(false);
  });

  it('offers a run that never scored the sessions only as such, and warns when one is active', async () => {
    const unscored = (r: ModelRun): ModelRun => ({ ...r, scoredSessions: 0, flaggedSessions: 0 });
    answers.listRuns = () => [
      ...structuredClone(RUNS),
      unscored(run(14, 'rf', false, 0, 0.9)),
      unscored(run(15, 'dense', true, 0, 0.9)),
    ];
    render(<DetectionSet />, withData);
    const rf = (await screen.findByTestId('detection-rf')) as HTMLSelectElement;
    const never = [...rf.options].find((o) => o.value === '14')!;
    expect(never.textContent).toBe('rf #14 · not scored yet');
    expect(never.disabled).toBe(true);
    expect(never.title).toMatch(/vigil score --run 14/);
    // The active run stays shown (and chosen), with the reason it flags nothing.
    const dense = screen.getByTestId('detection-dense') as HTMLSelectElement;
    expect(dense.value).toBe('15');
    expect(screen.getAllByTestId('detection-warning').map((w) => w.getAttribute('title'))).toContain(
      'dense #15 is active but has not scored the sessions, so it flags none: score it in Models (vigil score --run 15).',
    );
    cleanup();
    // Models says it above the runs too.
    render(<FloodWarnings runs={[unscored(run(15, 'dense', true, 0, 0.9))]} />);
    expect(screen.getByTestId('flood-warnings').textContent).toContain(
      'dense #15 is active but has not scored',
    );
  });

  it('switches a kind off and sets the rule level from the top bar', async () => {
    render(<DetectionSet />, withData);
    const iforest = (await screen.findByTestId('detection-iforest')) as HTMLSelectElement;
    const rules = (await screen.findByTestId('detection-rules')) as HTMLSelectElement;
    expect(rules.value).toBe('high');
    expect(screen.getByTestId('detection-summary').getAttribute('title')).toBe(
      'Flagged in every view: iforest #9 + rf #12 + rules ≥ high',
    );
    await act(async () => void fireEvent.change(iforest, { target: { value: 'off' } }));
    await act(async () => void fireEvent.change(rules, { target: { value: 'critical' } }));
    await act(async () => void fireEvent.change(rules, { target: { value: 'off' } }));
    expect(calls.filter((c) => c.name === 'changeDetectionSet').map((c) => c.args)).toEqual([
      { kindOff: 'iforest' },
      { ruleLevel: 'critical' },
      { ruleLevel: 'off' },
    ]);
    // The set is asked again after each change, so every named count follows.
    await act(async () => {});
    expect(calls.filter((c) => c.name === 'detectionSet').length).toBeGreaterThan(1);
  });

  it('warns in Models of an active run that floods the flagged set, and of no other', () => {
    render(<FloodWarnings runs={RUNS} />);
    const notes = screen.getByTestId('flood-warnings').querySelectorAll('p');
    expect([...notes].map((p) => p.textContent)).toEqual([
      expect.stringMatching(/^iforest #9 is active and flags 23 % of the sessions it scored/),
    ]);
  });

  it('warns of an active run trained on a few chosen labels that floods the set, whatever its held-out precision', () => {
    const onVerdicts = run(14, 'dense', true, 120_000, 0.97);
    onVerdicts.metrics!.population = { sessions: 1000, labelled: 40, flagged: 600 };
    const onAllLabels = run(15, 'rf', true, 120_000, 0.97);
    onAllLabels.metrics!.population = { sessions: 1000, labelled: 1000, flagged: 600 };
    render(<FloodWarnings runs={[onVerdicts, onAllLabels]} />);
    const notes = screen.getByTestId('flood-warnings').querySelectorAll('p');
    expect([...notes].map((p) => p.textContent)).toEqual([
      expect.stringMatching(
        /^dense #14 is active and flags 60 % of the sessions it scored; its held-out precision of 0\.970 was measured on 100 labelled sessions only/,
      ),
    ]);
  });
});
