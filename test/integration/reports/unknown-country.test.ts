// A case's sessions without a country read "(unknown)" in its report and in the app's case view,
// as on the Overview; the case totals wrote them as "??", a code no country has.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src-main/core/db/audit-chain.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { gatherCaseReport } from '../../../src-main/core/reports/case-data.js';
import { renderCaseHtml } from '../../../src-main/core/reports/html.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { insertSessions } from '../../helpers/insert-sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

describe('a case with sessions of no country', () => {
  it('counts them under no country and shows them as (unknown)', () => {
    const db = openDatabase(path.join(tempDir(), 'vigil.db'));
    try {
      const ids = insertSessions(db, [
        { startTs: 1_700_000_000_000, srcIp: '10.0.0.1', country: 'DE' },
        { startTs: 1_700_000_001_000, srcIp: '10.0.0.2', country: null },
        { startTs: 1_700_000_002_000, srcIp: '10.0.0.3', country: null },
      ]);
      const caseId = createCase(db, 'ana', {
        title: 'mixed',
        severity: 'low',
        summary: '',
        sessionIds: ids,
        ips: [],
      });
      const report = gatherCaseReport(db, caseId, '1');
      expect(report.data.totals.countries).toEqual([
        { country: '', sessions: 2 },
        { country: 'DE', sessions: 1 },
      ]);
      const html = renderCaseHtml(report, verifyAuditChain(db));
      expect(html).toContain('(unknown)');
      expect(html).not.toContain('??');
    } finally {
      db.close();
    }
  });
});
