// The report names the model run behind the scores with its held-out metrics beside the baseline,
// and says so plainly when no model has run.
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src-main/core/db/audit-chain.js';
import { gatherCaseReport } from '../../../src-main/core/reports/case-data.js';
import { renderCaseHtml } from '../../../src-main/core/reports/html.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { addScoredRun, cloudwatchLine, importLines, workspace } from '../triage/harness.js';

const metrics = (rocAuc: number, f1: number) => ({
  rocAuc,
  prAuc: 0.5,
  precision: 0.6,
  recall: 0.7,
  f1,
  threshold: 0.5,
  confusion: { tp: 1, fp: 2, tn: 3, fn: 4 },
});

describe('report model section', () => {
  it('shows the active run with its metrics and the majority baseline, and the session scores', async () => {
    const ws = workspace();
    const ids = await importLines(ws, [cloudwatchLine({ srcIp: '203.0.113.9' })]);
    const caseId = createCase(ws.db, 'ana', {
      title: 'm',
      severity: 'low',
      summary: '',
      sessionIds: ids,
      ips: [],
    });
    expect(renderCaseHtml(gatherCaseReport(ws.db, caseId, '1.2.3'), verifyAuditChain(ws.db))).toContain(
      'No model run was active',
    );

    const runId = addScoredRun(ws.db, 'rf', [[ids[0]!, 0.8125]]);
    ws.db.prepare('UPDATE model_runs SET metrics = ?, split = ? WHERE id = ?').run(
      JSON.stringify({
        model: metrics(0.9375, 0.8),
        baseline: metrics(0.5, 0),
        trainRows: 800,
        testRows: 200,
        trainPositives: 80,
        testPositives: 20,
        labelCounts: { malicious: 100, benign: 900 },
      }),
      'source-ip',
      runId,
    );
    const page = renderCaseHtml(gatherCaseReport(ws.db, caseId, '1.2.3'), verifyAuditChain(ws.db));
    expect(page).toContain(`Run ${runId} (rf)`);
    expect(page).toContain('split: source-ip');
    expect(page).toMatch(/ROC-AUC<\/td><td class="num">0\.938<\/td><td class="num">0\.500<\/td>/);
    expect(page).toContain(
      'Its training side held 800 sessions (80 malicious), less any validation slice that chose its threshold, not fitted on (not recorded then); tested on 200; labels: 100 malicious, 900 benign',
    );
    expect(page).toContain('<td class="num">0.813</td>');
    expect(page).toContain('Vigil 1.2.3');
  });
});
