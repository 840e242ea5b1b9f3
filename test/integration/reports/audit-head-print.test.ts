// The audit head in a printed case report is what a reader later types or pastes into
// `vigil audit verify --expect HASH`. Set in <code> and `.hash`, which break anywhere, the 64 hex
// digits were cut over two lines in the PDF, so the hash copied from it no longer verified.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src-main/core/db/audit-chain.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { gatherCaseReport } from '../../../src-main/core/reports/case-data.js';
import { renderCaseHtml } from '../../../src-main/core/reports/html.js';
import { chromiumPrinter } from '../../../src-main/core/reports/pdf.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { insertSessions } from '../../helpers/insert-sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;

beforeAll(() => {
  db = openDatabase(path.join(tempDir(), 'v.db'));
  const ids = insertSessions(db, [
    {
      startTs: Date.UTC(2024, 3, 25, 5),
      srcIp: '10.66.6.6',
      dstIp: '10.0.0.5',
      dstPort: 443,
      protocol: 'tcp',
    },
  ]);
  setVerdict(db, 'ana', { target: { sessionIds: ids }, verdict: 'malicious' });
});

afterAll(() => db?.close());

describe('the audit head in a printed case report', () => {
  it('prints each hash of the head whole on one line, so a copy of it verifies (pdftotext)', async () => {
    const caseId = createCase(db, 'ana', {
      title: 'Audit head in print',
      severity: 'high',
      summary: '',
      sessionIds: [],
      ips: ['10.66.6.6'],
    });
    const audit = verifyAuditChain(db);
    const head = audit.head?.hash ?? '';
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    const pdf = path.join(tempDir(), 'case.pdf');
    fs.writeFileSync(pdf, await chromiumPrinter()(renderCaseHtml(gatherCaseReport(db, caseId, '1'), audit)));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    // The head twice: after "SHA-256" and in the command to keep (whole on its line, to copy).
    expect(text.split(head).length - 1).toBe(2);
    expect(text).toContain(`vigil audit verify --expect ${head}`);
  }, 60_000);
});
