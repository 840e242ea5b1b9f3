// The case report says why the model flagged each flagged session, naming the features in words
// as the drawer and Triage do; a case whose sessions the run did not flag has no such section.
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src-main/core/db/audit-chain.js';
import { gatherCaseReport } from '../../../src-main/core/reports/case-data.js';
import { renderCaseHtml } from '../../../src-main/core/reports/html.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { addScoredRun, cloudwatchLine, importLines, workspace } from '../triage/harness.js';

describe('report: why flagged', () => {
  it('lists each flagged session with the features behind its flag, by name', async () => {
    const ws = workspace();
    const ids = await importLines(ws, [
      cloudwatchLine({ srcIp: '203.0.113.9' }),
      cloudwatchLine({ srcIp: '198.51.100.4' }),
    ]);
    const caseId = createCase(ws.db, 'ana', {
      title: 'w',
      severity: 'low',
      summary: '',
      sessionIds: ids,
      ips: [],
    });
    const runId = addScoredRun(ws.db, 'rf', [
      [ids[0]!, 0.9],
      [ids[1]!, 0.1],
    ]);
    const render = () => renderCaseHtml(gatherCaseReport(ws.db, caseId, '1.2.3'), verifyAuditChain(ws.db));
    expect(render()).not.toContain('Why flagged');
    ws.db.prepare('UPDATE scores SET explanation = ? WHERE run_id = ? AND session_id = ?').run(
      JSON.stringify([
        { feature: 'src_window_gap_cv', contribution: 0.42 },
        { feature: 'query_special_share', contribution: -0.05 },
        // Kept since values are: the session's value beside the typical one.
        {
          feature: 'log_bytes_out',
          contribution: 0.03,
          value: Math.log1p(2_100_000),
          typical: Math.log1p(3_400),
          sd: 3.14,
        },
      ]),
      runId,
      ids[0],
    );
    const page = render();
    expect(page).toContain('<h2>Why flagged (1)</h2>');
    expect(page).toContain(
      '<td>203.0.113.9</td><td class="num">0.900</td><td>Regularity of gaps, per source (+0.420); Special characters in query (-0.050); Bytes out: 2.1 MB, typical 3.4 kB (3.1 SD above) (+0.030)</td>',
    );
    expect(page).not.toMatch(/Why flagged[\s\S]*198\.51\.100\.4<\/td><td class="num">0\.100/);
  });
});
