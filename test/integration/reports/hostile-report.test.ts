// A case whose every text field is hostile: the HTML report escapes it all and runs nothing in
// Chromium (even with its CSP bypassed), makes no request; the PDF holds the title and
// indicators; STIX validates against the STIX 2.1 schemas; CSV cells are neutralised, JSON keeps them exactly.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseReport, dataSha256, gatherCaseReport } from '../../../src-main/core/reports/case-data.js';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { REPORT_CSP } from '../../../src-main/core/reports/html.js';
import { setAnalystName } from '../../../src-main/core/triage/analyst.js';
import { addCaseNote, createCase, tagCase } from '../../../src-main/core/triage/case-actions.js';
import { importIocList } from '../../../src-main/core/triage/ioc-lists.js';
import { tagSessions } from '../../../src-main/core/triage/tag-actions.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import type { ExportResult } from '../../../src-shared/reports.js';
import { launchChromium } from '../../e2e/chromium.js';
import {
  addScoredRun,
  cloudwatchLine,
  importLines,
  openWorkspace,
  type Workspace,
} from '../triage/harness.js';
import { parseCsv } from './csv-parse.js';
import { ALL_HOSTILE, FORMULA_CELLS, HOSTILE, HOSTILE_TAG } from './hostile.js';
import { validateStix } from './stix-schemas.js';

const TITLE = `Operation Night Owl ${HOSTILE.img} ${HOSTILE.script}`;

async function hostileCase(ws: Workspace): Promise<{ caseId: number; ids: number[] }> {
  const lines = [
    cloudwatchLine({
      srcIp: '203.0.113.66',
      rule: ALL_HOSTILE,
      observation: HOSTILE.svg,
      meta: HOSTILE.formula,
      sourceName: HOSTILE.js,
      detection: HOSTILE.css,
      protocol: HOSTILE.link,
    }),
    ...FORMULA_CELLS.map((cell, i) =>
      cloudwatchLine({
        srcIp: '203.0.113.67',
        start: `2024-04-26T0${i}:00:00Z`,
        rule: cell,
        detection: cell,
        sourceName: cell,
      }),
    ),
  ];
  const ids = await importLines(ws, lines);
  setAnalystName(ws.db, `${HOSTILE.img} analyst`);
  setVerdict(ws.db, `${HOSTILE.script} ana`, {
    target: { sessionIds: [ids[0]!] },
    verdict: 'malicious',
    note: ALL_HOSTILE,
  });
  tagSessions(ws.db, 'ana', { tag: HOSTILE.img, sessionIds: ids, on: true });
  importIocList(ws.db, 'ana', { name: `${HOSTILE.svg} list`, kind: 'known_bad', text: '203.0.113.67\n' });
  addScoredRun(
    ws.db,
    'iforest',
    ids.map((id, i) => [id, 0.9 - i / 100]),
  );
  const caseId = createCase(ws.db, `${HOSTILE.link} creator`, {
    title: TITLE,
    severity: 'critical',
    summary: `# Summary\n${ALL_HOSTILE}\n[click](${HOSTILE.js})`,
    sessionIds: [ids[0]!],
    ips: ['203.0.113.67'],
  });
  addCaseNote(ws.db, `${HOSTILE.css} bob`, caseId, ALL_HOSTILE);
  tagCase(ws.db, 'ana', { caseId, tags: [HOSTILE_TAG, 'evidence'], on: true });
  return { caseId, ids };
}

describe('a report of a case with hostile strings in every field', () => {
  let ws: Workspace;
  let caseId: number;
  let report: CaseReport;
  let browser: Browser;
  const files: Record<string, string> = {};
  const results: Record<string, ExportResult> = {};

  beforeAll(async () => {
    browser = await launchChromium();
    ws = openWorkspace(fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-report-')));
    ({ caseId } = await hostileCase(ws));
    report = gatherCaseReport(ws.db, caseId, 'test');
    for (const format of ['html', 'csv', 'json', 'stix', 'pdf'] as const) {
      files[format] = path.join(ws.dir, `case.${format}`);
      results[format] = await exportToFile(ws.db, { caseId, format, path: files[format]! });
    }
  });

  it('reports the size and SHA-256 of each file it wrote', () => {
    for (const [format, file] of Object.entries(files)) {
      const bytes = fs.readFileSync(file);
      expect(results[format]).toMatchObject({
        path: file,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
    }
  });
  afterAll(async () => {
    await browser?.close();
    ws?.db.close();
    if (ws) fs.rmSync(ws.dir, { recursive: true, force: true });
  });

  it('HTML escapes every field, loads nothing and carries a CSP that forbids script and network', async () => {
    const page = fs.readFileSync(files.html!, 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/
      .exec(page)?.[1]
      ?.replace(/&#39;/g, "'");
    expect(csp).toBe(REPORT_CSP);
    expect(REPORT_CSP).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
    // Only the markup counts: hostile text shown as text is fine, a hostile tag or attribute is not.
    const tags = page.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.filter((tag) => /^<(script|img|a|link|iframe|object|embed|base|form)\b/i.test(tag))).toEqual(
      [],
    );
    expect(tags.filter((tag) => /\son[a-z]+\s*=/i.test(tag))).toEqual([]);
    expect(tags.filter((tag) => /\s(src|href|xlink:href|srcset|action|formaction)\s*=/i.test(tag))).toEqual(
      [],
    );
    const css = [...page.matchAll(/<style>([\s\S]*?)<\/style>|style="([^"]*)"/g)]
      .map((m) => m[1] ?? m[2])
      .join('\n');
    expect(css).toContain('font');
    expect(css).not.toMatch(/url\(|@import|expression\(/i);
    expect(page).toContain('&lt;img src=x onerror=&quot;window.__pwned=&#39;img&#39;&quot;&gt;');
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;');
    // The summary's Markdown reads as in the Cases view: a heading, not '# Summary' as text.
    expect(page).toContain('<h3>Summary</h3>');
    expect(page).not.toContain('# Summary');
    // The case's tags, the hostile one as text.
    expect(page).toMatch(
      /<span class="tag" style="border-color: #[0-9a-f]{6}">&lt;img src=x onerror=&quot;window.__pwned=&#39;tag&#39;&quot;&gt;<\/span> <span class="tag" style="border-color: #[0-9a-f]{6}">evidence<\/span>/,
    );
    // Every hostile field is in the report, as text.
    expect(page.split('&lt;svg onload=').length - 1).toBeGreaterThanOrEqual(4);
    expect(page).toContain(`<meta name="vigil-data-sha256" content="${report.sha256}">`);
    expect(report.data.indicators.map((i) => i.ip).sort()).toEqual(['203.0.113.66', '203.0.113.67']);
  });

  for (const bypassCSP of [false, true]) {
    it(`HTML runs no script and makes no request in Chromium${bypassCSP ? ' even with its CSP bypassed' : ''}`, async () => {
      const context = await browser.newContext({ bypassCSP });
      try {
        const page = await context.newPage();
        const requests: string[] = [];
        const dialogs: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
        const url = pathToFileURL(files.html!).href;
        await page.goto(url, { waitUntil: 'load' });
        // Hovering and clicking through the page would fire handlers if any had survived.
        await page.mouse.move(200, 200);
        expect(
          await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned),
        ).toBeUndefined();
        expect(await page.title()).toBe(`Case ${caseId}: ${TITLE}`);
        expect(await page.locator('h1').textContent()).toBe(`Case ${caseId}: ${TITLE}`);
        expect(await page.locator('img, script, a, link, iframe').count()).toBe(0);
        expect(dialogs).toEqual([]);
        expect(requests).toEqual([url]);
      } finally {
        await context.close();
      }
    });
  }

  it('PDF holds the case title and the indicators (pdftotext)', () => {
    const text = execFileSync('pdftotext', ['-layout', files.pdf!, '-'], { encoding: 'utf8' });
    expect(fs.readFileSync(files.pdf!).subarray(0, 5).toString()).toBe('%PDF-');
    expect(text).toContain('Operation Night Owl');
    expect(text).toContain('<img src=x onerror=');
    for (const ip of ['203.0.113.66', '203.0.113.67']) expect(text).toContain(ip);
    expect(text).toContain(report.sha256.slice(0, 16));
  });

  it('STIX 2.1 bundle validates and keeps the hostile strings as data', () => {
    const bundle = JSON.parse(fs.readFileSync(files.stix!, 'utf8'));
    expect(validateStix(bundle)).toEqual([]);

    const types = bundle.objects.map((o: { type: string }) => o.type);
    for (const type of [
      'identity',
      'report',
      'indicator',
      'observed-data',
      'network-traffic',
      'ipv4-addr',
      'relationship',
    ])
      expect(types).toContain(type);
    const patterns = bundle.objects
      .filter((o: { type: string }) => o.type === 'indicator')
      .map((o: { pattern: string }) => o.pattern);
    expect(patterns.sort()).toEqual([
      "[ipv4-addr:value = '203.0.113.66']",
      "[ipv4-addr:value = '203.0.113.67']",
    ]);
    const reportObject = bundle.objects.find((o: { type: string }) => o.type === 'report');
    expect(reportObject.name).toBe(TITLE);
    expect(reportObject.labels).toEqual(['severity:critical', 'status:open', HOSTILE_TAG, 'evidence']);
    const ids = new Set(bundle.objects.map((o: { id: string }) => o.id));
    for (const ref of reportObject.object_refs) expect(ids.has(ref)).toBe(true);
    // A broken object is caught: the check can fail.
    const broken = structuredClone(bundle);
    broken.objects.find((o: { type: string }) => o.type === 'indicator').valid_from = '2024-04-26 10:00';
    expect(validateStix(broken).length).toBeGreaterThan(0);
  });

  it('CSV neutralises every cell a spreadsheet would run as a formula; JSON keeps them exactly', () => {
    const rows = parseCsv(fs.readFileSync(files.csv!, 'utf8'));
    const header = rows[0]!;
    const cells = rows.slice(1).flat();
    expect(rows).toHaveLength(1 + 1 + FORMULA_CELLS.length);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    for (const cell of FORMULA_CELLS) expect(cells).toContain(`'${cell}`);
    const rule = header.indexOf('rule_name');
    expect(rows.slice(2).map((r) => r[rule])).toEqual(FORMULA_CELLS.map((c) => `'${c}`));

    // JSON is read by programs, which run no formula: its values are the logged ones.
    const json = JSON.parse(fs.readFileSync(files.json!, 'utf8')) as Record<string, unknown>[];
    expect(json.map((r) => r.ruleName)).toEqual([ALL_HOSTILE, ...FORMULA_CELLS]);
  });

  it('SHA-256 covers the data: it changes when the case does', () => {
    expect(dataSha256(report.data)).toBe(report.sha256);
    tagCase(ws.db, 'ana', { caseId, tags: ['evidence'], on: false });
    const untagged = gatherCaseReport(ws.db, caseId, 'test').sha256;
    expect(untagged).not.toBe(report.sha256);
    addCaseNote(ws.db, 'ana', caseId, 'one more');
    expect(gatherCaseReport(ws.db, caseId, 'test').sha256).not.toBe(untagged);
  });
});
