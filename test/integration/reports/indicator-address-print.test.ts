// The Indicators table of a printed case report: an IP there was set in <code>, which breaks
// anywhere (word-break: break-all), and the table's auto layout squeezed that column to a few
// characters: "10.66." on one line and "6.6" on the next, and a longer address cut inside a
// number reads as another IP. Printed, each address stays whole (an IPv6 one may break only
// after a colon, as in the Requests table), and so do its first and last seen times.
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
const ADDRESSES = ['10.66.6.6', '120.156.157.242', '2001:db8:4006:812::200e'];

let db: Db;
/** One case per address: alone in its table, the IP column is as narrow as the layout makes it. */
const pages: string[] = [];

beforeAll(() => {
  db = openDatabase(path.join(tempDir(), 'v.db'));
  const ids = insertSessions(
    db,
    ADDRESSES.map((srcIp, i) => ({
      startTs: Date.UTC(2024, 3, 25, 5) + i * 1000,
      srcIp,
      dstIp: '10.0.0.5',
      dstPort: 443,
      protocol: 'tcp',
      bytesIn: 100,
      bytesOut: 200,
    })),
  );
  setVerdict(db, 'ana', { target: { sessionIds: ids }, verdict: 'malicious' });
  for (const ip of ADDRESSES) {
    const caseId = createCase(db, 'ana', {
      title: `Address ${ip} in print`,
      severity: 'high',
      summary: '',
      sessionIds: [],
      ips: [ip],
    });
    pages.push(renderCaseHtml(gatherCaseReport(db, caseId, '1'), verifyAuditChain(db)));
  }
});

afterAll(() => db?.close());

describe('indicator addresses in a printed case report', () => {
  it('prints the indicator IP whole on its line, an IPv6 one cut only after a colon (pdftotext)', async () => {
    const print = chromiumPrinter();
    for (const [i, ip] of ADDRESSES.entries()) {
      const pdf = path.join(tempDir(), 'case.pdf');
      fs.writeFileSync(pdf, await print(pages[i]!));
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      const indicators = text.slice(text.indexOf('Indicators (1)'), text.indexOf('Timeline'));
      // The address's first piece on the page: the whole of it, or (IPv6) up to a colon.
      const first = indicators.match(/^\s*([0-9a-f.:]+)/im)?.[1] ?? '';
      expect(first === ip || (ip.includes(':') && first.endsWith(':') && ip.startsWith(first)), first).toBe(
        true,
      );
      // Its first and last seen whole too: cut at a hyphen, "2024-04-" / "25T05:00:00.000Z" no
      // longer reads as one time.
      expect(indicators).toContain(new Date(Date.UTC(2024, 3, 25, 5) + i * 1000).toISOString());
      expect(indicators.match(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g), indicators).toHaveLength(2);
    }
  }, 60_000);
});
