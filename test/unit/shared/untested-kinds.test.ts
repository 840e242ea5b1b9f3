// The words and the rule for kinds a threat-type run names untested (src-shared/untested-kinds.ts):
// one owner for the CLI, the Models view, activation and a flag's detail.
import { describe, expect, it } from 'vitest';
import type { ClassMetrics, MulticlassMetrics } from '../../../src-shared/threat-types.js';
import {
  activationRefusal,
  kindTesting,
  predictedKindUntested,
  testingCell,
  untestedInWords,
  untestedKinds,
} from '../../../src-shared/untested-kinds.js';

const cls = (kind: string, support: number, fitSupport: number, tested?: ClassMetrics['tested']) =>
  ({
    kind,
    support,
    trainSupport: fitSupport,
    fitSupport,
    ...(tested && { tested }),
    precision: 0,
    recall: 0,
    f1: 0,
    prAuc: null,
    baseline: { precision: 0, recall: 0, f1: 0, prAuc: null },
  }) as ClassMetrics;

const metrics = (perClass: ClassMetrics[]) => ({ perClass }) as MulticlassMetrics;

describe('kinds a threat-type run names untested', () => {
  it('reads an older run (no `tested` kept) from its held-out counts', () => {
    expect(kindTesting({ support: 0 })).toBe('none-held-out');
    expect(kindTesting({ support: 9 })).toBe('too-few');
    expect(kindTesting({ support: 10 })).toBe('judged');
    // What the run recorded wins over the counts.
    expect(kindTesting({ support: 50, tested: 'too-few' })).toBe('too-few');
  });

  it('lists the attack kinds it can name but did not judge; benign and kinds never fitted are not', () => {
    const m = metrics([
      cls('benign', 0, 300),
      cls('sqli', 0, 40),
      cls('xss', 3, 40),
      cls('scanner', 50, 40),
      cls('lfi', 0, 0),
    ]);
    expect(untestedKinds(m)).toEqual([
      { kind: 'sqli', heldOut: 0, testing: 'none-held-out' },
      { kind: 'xss', heldOut: 3, testing: 'too-few' },
    ]);
    expect(untestedInWords({ id: 4, metrics: { multiclass: m } as never })).toBe(
      'Run 4 names 2 kinds on new sessions that it was not tested on: sqli (no held-out session), xss (only 3 held out, fewer than 10); its flags of those kinds are unmeasured guesses.',
    );
  });

  it('says nothing for a run without per-kind figures or with every kind judged', () => {
    expect(untestedKinds(undefined)).toEqual([]);
    expect(untestedKinds(null)).toEqual([]);
    expect(untestedInWords({ id: 1, metrics: null })).toBeNull();
    expect(
      activationRefusal({ id: 1, metrics: { multiclass: metrics([cls('xss', 20, 40)]) } as never }),
    ).toBeNull();
  });

  it('refuses with the way on: the CLI option and the confirmation in Models', () => {
    const refusal = activationRefusal({
      id: 7,
      metrics: { multiclass: metrics([cls('sqli', 0, 30)]) } as never,
    });
    expect(refusal).toMatch(
      /^Not activated\. Run 7 names 1 kind on new sessions .*sqli \(no held-out session\); its flags of that kind/,
    );
    expect(refusal).toContain(
      'vigil models activate 7 --accept-untested (in Models: Set active, then confirm).',
    );
  });

  it('words a table cell and a flag so neither reads like a score', () => {
    expect(testingCell({ support: 0 })).toBe('not tested (none held out)');
    expect(testingCell({ support: 3 })).toBe('not judged (3 held out)');
    expect(testingCell({ support: 30 })).toBe('judged');
    expect(predictedKindUntested('sqli', 'none-held-out')).toBe(
      'sqli was not tested by this run (no held-out session): an unmeasured guess.',
    );
    expect(predictedKindUntested('xss', 'too-few')).toMatch(/fewer than 10 held out/);
    expect(predictedKindUntested('xss', 'judged')).toBeNull();
    expect(predictedKindUntested('xss', null)).toBeNull();
  });
});
