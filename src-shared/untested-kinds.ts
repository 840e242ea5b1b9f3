// Kinds a threat-type run names without having been tested on them, in the same words for the
// Models view, `vigil models`, activation (CLI, Models' Set active, the top bar's picker) and a
// flag's detail (drawer, Triage). A time split can leave a kind all on the training side, or a
// handful held out: its figures then judge nothing, yet the run still names it on new sessions.
// Activation refuses such a run unless the analyst accepts it knowingly (core services/models.ts).
import { countOf } from './count-words.js';
import type { ModelRun } from './models.js';
import { MIN_HELD_OUT } from './run-population.js';
import { type ClassMetrics, KIND_BENIGN, type KindTesting, type MulticlassMetrics } from './threat-types.js';

/** Whether a kind was judged; runs stored before `tested` was kept are read from their counts. */
export function kindTesting(c: Pick<ClassMetrics, 'support' | 'tested'>): KindTesting {
  if (c.tested) return c.tested;
  if (c.support === 0) return 'none-held-out';
  return c.support < MIN_HELD_OUT ? 'too-few' : 'judged';
}

export interface UntestedKind {
  kind: string;
  /** Held-out sessions of it (0 or under MIN_HELD_OUT). */
  heldOut: number;
  testing: Exclude<KindTesting, 'judged'>;
}

/**
 * The attack kinds the run can name on a new session but that its held-out side did not judge.
 * Benign is no kind it names on a flag, and a kind it was never fitted on it cannot name.
 */
export function untestedKinds(m: MulticlassMetrics | null | undefined): UntestedKind[] {
  if (!m) return [];
  return m.perClass.flatMap((c) => {
    const testing = kindTesting(c);
    const learnt = (c.fitSupport ?? c.trainSupport) > 0;
    if (c.kind === KIND_BENIGN || !learnt || testing === 'judged') return [];
    return [{ kind: c.kind, heldOut: c.support, testing }];
  });
}

/** The untested kinds of a run as stored (none for a malicious-or-not run). */
export const runUntestedKinds = (run: Pick<ModelRun, 'metrics'>): UntestedKind[] =>
  untestedKinds(run.metrics?.multiclass);

/** "no held-out session" / "only 3 held out": why a kind's figures judge nothing. */
export function whyUntested(k: Pick<UntestedKind, 'heldOut' | 'testing'>): string {
  return k.testing === 'none-held-out' || k.heldOut === 0
    ? 'no held-out session'
    : `only ${k.heldOut} held out, fewer than ${MIN_HELD_OUT}`;
}

/** A per-kind table's cell: "judged", or "not tested (none held out)", "not judged (3 held out)". */
export function testingCell(c: Pick<ClassMetrics, 'support' | 'tested'>): string {
  const testing = kindTesting(c);
  if (testing === 'judged') return 'judged';
  return testing === 'none-held-out' ? 'not tested (none held out)' : `not judged (${c.support} held out)`;
}

const listed = (kinds: UntestedKind[]) => kinds.map((k) => `${k.kind} (${whyUntested(k)})`).join(', ');

/**
 * "Run 5 names 2 kinds on new sessions that it was not tested on: sql_injection (no held-out
 * session), xss (only 3 held out, fewer than 10)." Null when every kind it names was judged.
 */
export function untestedInWords(run: Pick<ModelRun, 'id' | 'metrics'>): string | null {
  const kinds = runUntestedKinds(run);
  if (kinds.length === 0) return null;
  return `Run ${run.id} names ${countOf(kinds.length, 'kind')} on new sessions that it was not tested on: ${listed(kinds)}; its flags of ${kinds.length === 1 ? 'that kind' : 'those kinds'} are unmeasured guesses.`;
}

/** The CLI option that activates such a run knowingly (the Models view asks instead). */
export const ACCEPT_UNTESTED_OPTION = '--accept-untested';

/** Why activation refused a run with untested kinds, and the two ways to go on. */
export function activationRefusal(run: Pick<ModelRun, 'id' | 'metrics'>): string | null {
  const said = untestedInWords(run);
  if (!said) return null;
  return (
    `Not activated. ${said} Label more sessions of those kinds (later ones, for a time split) and retrain, ` +
    `or activate it knowingly: vigil models activate ${run.id} ${ACCEPT_UNTESTED_OPTION} (in Models: Set active, then confirm).`
  );
}

/** A flag's detail (drawer, Triage): "xss was not tested by this run (no held-out session)." */
export function predictedKindUntested(kind: string, testing: KindTesting | null | undefined): string | null {
  if (!testing || testing === 'judged') return null;
  return `${kind} was not tested by this run (${testing === 'none-held-out' ? 'no held-out session' : `fewer than ${MIN_HELD_OUT} held out`}): an unmeasured guess.`;
}
