// A case report lists the kinds of threat among its sessions (issue "Say which attack"): the kind
// an analyst's verdict names wins over the active threat-type run's prediction, and each count
// says who named it.
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src-main/core/db/audit-chain.js';
import { scoreRun } from '../../../src-main/core/ml/train/score-run.js';
import { trainRun } from '../../../src-main/core/ml/train/train-run.js';
import { gatherCaseReport } from '../../../src-main/core/reports/case-data.js';
import { renderCaseHtml } from '../../../src-main/core/reports/html.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { sharedGeneratedDb } from '../ml/harness.js';

const generated = sharedGeneratedDb({ rows: 6000, attackRate: 0.15, days: 2, seed: 9 });

describe('case report kinds', () => {
  it('counts the kinds of the case, analysts first, and shows each session with its kind', async () => {
    const db = generated.db();
    const before = db.prepare('SELECT id FROM sessions ORDER BY id LIMIT 3').pluck().all() as number[];
    const empty = createCase(db, 'ana', {
      title: 'none',
      severity: 'low',
      summary: '',
      sessionIds: before,
      ips: [],
    });
    expect(renderCaseHtml(gatherCaseReport(db, empty, '1'), verifyAuditChain(db))).toContain(
      'No session of this case has a kind of threat',
    );

    const run = await trainRun(db, { kind: 'rf', target: 'type', split: 'random', params: { trees: 20 } });
    await scoreRun(db, db, run.id);
    const flagged = db
      .prepare(
        `SELECT session_id AS id, predicted_kind AS kind FROM scores
         WHERE run_id = ? AND predicted_kind IS NOT NULL ORDER BY session_id LIMIT 6`,
      )
      .all(run.id) as { id: number; kind: string }[];
    const [named, ...rest] = flagged;
    if (!named) throw new Error('no flag');
    setVerdict(db, 'ana', {
      target: { sessionIds: [named.id] },
      verdict: 'malicious',
      kind: 'credential_stuffing',
    });
    const caseId = createCase(db, 'ana', {
      title: 'kinds',
      severity: 'high',
      summary: '',
      sessionIds: flagged.map((f) => f.id),
      ips: [],
    });
    const report = gatherCaseReport(db, caseId, '1');
    expect(report.data.kinds.runId).toBe(run.id);
    const predicted = new Map<string, number>();
    for (const f of rest) predicted.set(f.kind, (predicted.get(f.kind) ?? 0) + 1);
    expect(report.data.kinds.tally).toEqual(
      expect.arrayContaining([
        { kind: 'credential_stuffing', sessions: 1, byAnalyst: 1, byModel: 0 },
        ...[...predicted].map(([kind, n]) => ({ kind, sessions: n, byAnalyst: 0, byModel: n })),
      ]),
    );
    expect(report.data.sessions.find((s) => s.id === named.id)).toMatchObject({
      kind: 'credential_stuffing',
      kindBy: 'analyst',
    });
    const page = renderCaseHtml(report, verifyAuditChain(db));
    expect(page).toContain('<h2>Kinds of threat</h2>');
    expect(page).toContain(`predicted by run ${run.id}`);
    expect(page).toContain('<td>credential_stuffing</td><td class="num">1</td><td class="num">1</td>');
  }, 120_000);
});
