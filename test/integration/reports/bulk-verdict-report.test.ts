// Issue 18 §7: a bulk verdict on 862 sessions was 862 timeline rows and made the HTML report
// 137 000 px tall. One action is one timeline entry with its count; the summary and indicators
// come first; the page stays a readable height in Chromium and the PDF keeps that order.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src-main/core/db/audit-chain.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { gatherCaseReport } from '../../../src-main/core/reports/case-data.js';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM } from '../../../src-main/core/reports/chromium.mjs';
import { renderCaseHtml } from '../../../src-main/core/reports/html.js';
import { chromiumPrinter } from '../../../src-main/core/reports/pdf.js';
import { timelineEntries } from '../../../src-main/core/reports/timeline-section.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { insertSessions } from '../../helpers/insert-sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const SESSIONS = 862;
const ATTACKERS = ['203.0.113.7', '203.0.113.8', '198.51.100.23'];

let db: Db;
let dir: string;
let page: string;

beforeAll(() => {
  dir = tempDir();
  db = openDatabase(path.join(dir, 'v.db'));
  const ids = insertSessions(
    db,
    Array.from({ length: SESSIONS }, (_, i) => ({
      startTs: Date.UTC(2024, 4, 1) + i * 60_000,
      srcIp: ATTACKERS[i % ATTACKERS.length] ?? '',
      dstIp: '10.0.0.5',
      dstPort: 443,
      protocol: 'tcp',
      bytesIn: 1000 + i,
      bytesOut: 200,
      country: 'NL',
      detectionType: 'waf_rule',
      ruleName: 'Suspicious Web Traffic',
    })),
  );
  const caseId = createCase(db, 'ana', {
    title: 'Scanner from three hosts',
    severity: 'high',
    summary: 'Three hosts scanned the web tier for a day.',
    sessionIds: ids,
    ips: [],
  });
  setVerdict(db, 'ana', {
    target: { sessionIds: ids },
    verdict: 'malicious',
    note: 'one scanner, three hosts',
  });
  page = renderCaseHtml(gatherCaseReport(db, caseId, '1'), verifyAuditChain(db));
});

afterAll(() => db?.close());

describe('a case report with one bulk verdict on 862 sessions', () => {
  it('shows the verdict as one timeline entry with its count', () => {
    const entries = timelineEntries(gatherCaseReport(db, 1, '1'));
    const verdicts = entries.filter((e) => e.what === 'verdict: malicious');
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]?.detail).toMatch(
      /^862 sessions \(ids 1 … 862\) from 3 source IPs: 203\.0\.113\.7, 203\.0\.113\.8, 198\.51\.100\.23 — one scanner, three hosts$/,
    );
    // The 862 sessions the case was opened with are one entry too.
    expect(entries.filter((e) => e.what === 'session added')).toHaveLength(1);
    expect(entries).toHaveLength(3);
  });

  it('puts the summary and the indicators before the timeline and the sessions', () => {
    const at = (text: string) => {
      const i = page.indexOf(text);
      expect(i, text).toBeGreaterThan(-1);
      return i;
    };
    expect(at('<h2>Summary</h2>')).toBeLessThan(at('<h2>Indicators (3)</h2>'));
    expect(at('<h2>Indicators (3)</h2>')).toBeLessThan(at('<h2>Timeline</h2>'));
    expect(at('<h2>Timeline</h2>')).toBeLessThan(
      at(
        '<h2>Sessions (200 of 862: malicious verdicts, rule hits and flags first, in time order; the CSV export has all)</h2>',
      ),
    );
  });

  it('keeps the page short enough to read in Chromium', async () => {
    const browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: [...CHROMIUM_ARGS] });
    try {
      const tab = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await tab.setContent(page, { waitUntil: 'load' });
      const heights = await tab.evaluate(() => ({
        page: document.documentElement.scrollHeight,
        timeline: document.querySelector('table.timeline')?.getBoundingClientRect().height ?? -1,
        toTimeline:
          [...document.querySelectorAll('h2')]
            .find((h) => h.textContent === 'Timeline')
            ?.getBoundingClientRect().top ?? -1,
      }));
      // Three entries, not 862 rows; the summary, indicators and timeline fit in the first screen.
      expect(heights.timeline).toBeGreaterThan(0);
      expect(heights.timeline).toBeLessThan(200);
      expect(heights.toTimeline).toBeGreaterThan(0);
      expect(heights.toTimeline).toBeLessThan(1000);
      // A row per session stops at 200 (the CSV has all): the page no longer grows with the case.
      expect(heights.page).toBeLessThan(20_000);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('prints a PDF whose text keeps that order (pdftotext)', async () => {
    const pdf = path.join(tempDir(), 'case.pdf');
    fs.writeFileSync(pdf, await chromiumPrinter()(page));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const order = [
      'Summary',
      'Three hosts scanned',
      'Indicators (3)',
      'Timeline',
      'verdict: malicious',
      'Sessions (',
    ];
    const positions = order.map((t) => text.indexOf(t));
    expect(
      positions.every((p) => p >= 0),
      JSON.stringify(positions),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text.split('verdict: malicious')).toHaveLength(2);
    expect(text).toContain('862 sessions');
  }, 60_000);
});
