// The kinds of threat in a case report: each session's kind — the one an analyst's malicious
// verdict names, else the one the active threat-type run predicted for its flag — and a count
// per kind saying who named it.
import { activeRun } from '../db/model-runs.js';
import type { Db } from '../db/open.js';
import { predictedKindsOf } from '../db/scores.js';
import { verdictsOf } from '../db/verdicts.js';
import { type Html, html } from './escape.js';

export interface SessionKind {
  kind: string | null;
  /** Who named it: an analyst's verdict, or the threat-type run's prediction. */
  kindBy: 'analyst' | 'model' | null;
}

export interface KindTally {
  kind: string;
  sessions: number;
  byAnalyst: number;
  byModel: number;
}

export interface CaseKinds {
  /** The threat-type run whose predictions are shown (null: none is active). */
  runId: number | null;
  perSession: Map<number, SessionKind>;
  tally: KindTally[];
}

export function caseKinds(db: Db, ids: readonly number[]): CaseKinds {
  const run = activeRun(db, { target: 'type' });
  const predicted = run ? predictedKindsOf(db, run.id, ids) : new Map<number, string>();
  const verdicts = verdictsOf(db, ids);
  const perSession = new Map<number, SessionKind>();
  const tally = new Map<string, KindTally>();
  for (const id of ids) {
    const named = verdicts.get(id);
    const byAnalyst = named?.verdict === 'malicious' && named.kind ? named.kind : null;
    const kind = byAnalyst ?? predicted.get(id) ?? null;
    perSession.set(id, { kind, kindBy: byAnalyst ? 'analyst' : kind ? 'model' : null });
    if (!kind) continue;
    const t = tally.get(kind) ?? { kind, sessions: 0, byAnalyst: 0, byModel: 0 };
    t.sessions++;
    if (byAnalyst) t.byAnalyst++;
    else t.byModel++;
    tally.set(kind, t);
  }
  return {
    runId: run?.id ?? null,
    perSession,
    tally: [...tally.values()].sort((a, b) => b.sessions - a.sessions || a.kind.localeCompare(b.kind)),
  };
}

export function kindsSection(kinds: { runId: number | null; tally: KindTally[] }): Html {
  if (kinds.tally.length === 0)
    return html`<p class="meta">No session of this case has a kind of threat: no analyst named one and no active threat-type run flagged one.</p>`;
  return html`<table><tr><th>kind</th><th>sessions</th><th>named by analysts</th><th>predicted${kinds.runId === null ? '' : ` by run ${kinds.runId}`}</th></tr>
${kinds.tally.map((t) => html`<tr><td>${t.kind}</td><td class="num">${t.sessions}</td><td class="num">${t.byAnalyst}</td><td class="num">${t.byModel}</td></tr>`)}</table>`;
}
