// How a threat-type run's per-kind evaluation prints: each kind's held-out figures beside the
// majority baseline's, the averages, the confusion matrix, and what was merged or cannot be said.
import type { MulticlassMetrics } from '../../src-shared/threat-types.js';
import { kindTesting, testingCell } from '../../src-shared/untested-kinds.js';
import { table } from './options.js';

const fixed = (n: number | null) => (n === null ? '—' : n.toFixed(3));

export function describeKinds(m: MulticlassMetrics): string[] {
  // Sessions of each kind fitted on; runs before 2026-12-06 kept only the training side's.
  const fitted = m.perClass.every((c) => c.fitSupport !== undefined);
  const lines = [
    '',
    `Kinds (held out; baseline always answers ${m.baseline.kind}):`,
    table([
      [
        'kind',
        'test',
        fitted ? 'fitted' : 'train side',
        'precision',
        'recall',
        'F1',
        'PR-AUC',
        'baseline F1',
        'baseline PR-AUC',
        'judged',
      ],
      ...m.perClass.map((c) => {
        // No held-out session: a 0.000 would read as a score the kind never had.
        const figure = (n: number | null) => (kindTesting(c) === 'none-held-out' ? '—' : fixed(n));
        return [
          c.kind,
          String(c.support),
          String(fitted ? c.fitSupport : c.trainSupport),
          figure(c.precision),
          figure(c.recall),
          figure(c.f1),
          figure(c.prAuc),
          figure(c.baseline.f1),
          figure(c.baseline.prAuc),
          testingCell(c),
        ];
      }),
    ]),
    '',
    table([
      ['average', 'model', 'baseline'],
      ['macro F1', fixed(m.model.macroF1), fixed(m.baseline.macroF1)],
      ['weighted F1', fixed(m.model.weightedF1), fixed(m.baseline.weightedF1)],
      ['accuracy', fixed(m.model.accuracy), fixed(m.baseline.accuracy)],
    ]),
    '',
    'Confusion (rows: true kind, columns: predicted):',
    table([['', ...m.classes], ...m.confusion.map((row, i) => [m.classes[i] ?? '', ...row.map(String)])]),
  ];
  if (m.merged.length)
    lines.push(
      '',
      `Merged into "other" (fewer than 10 sessions each): ${m.merged.map((k) => `${k.kind} (${k.sessions})`).join(', ')}`,
    );
  if (m.leftOut?.length)
    lines.push(
      '',
      `Left out of this run (too rare to learn even as "other"; --rare-kinds leave-out): ${m.leftOut.map((k) => `${k.kind} (${k.sessions})`).join(', ')}`,
    );
  for (const note of m.notes) lines.push(`Note: ${note}`);
  return lines;
}
