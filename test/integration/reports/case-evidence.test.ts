// A case larger than the rows a report lists (REPORT_SESSION_LIMIT): its figures, charts,
// indicators and STIX bundle still cover every session, the sessions listed are the evidence
// first, and its timeline is the audit log's (a verdict changed since, a status change and a
// removal stay in it). Before, the report was built from the first 2 000 sessions by id: a
// malicious verdict on a later session vanished from the charts, indicators and STIX without a
// word, and the timeline showed only the case as it is now.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src-main/core/db/audit-chain.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { gatherCaseReport, REPORT_SESSION_LIMIT } from '../../../src-main/core/reports/case-data.js';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { renderCaseHtml } from '../../../src-main/core/reports/html.js';
import { timelineEntries } from '../../../src-main/core/reports/timeline-section.js';
import { createCase, editCaseItems, updateCase } from '../../../src-main/core/triage/case-actions.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { openWorkspace, type Workspace } from '../triage/harness.js';

const BENIGN = 2_100;
const ATTACKER = '198.51.100.9';
const SERVER_NAMED = '203.0.113.250';
const line = (ip: string, second: number, target: string, agent: string) =>
  `${ip} - - [10/Oct/2024:${String(10 + Math.floor(second / 3600)).padStart(2, '0')}:${String(Math.floor(second / 60) % 60).padStart(2, '0')}:${String(second % 60).padStart(2, '0')} +0000] "GET ${target} HTTP/1.1" 200 512 "-" "${agent}"`;
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:122.0) Gecko/20100101 Firefox/122.0';

let dir: string;
let ws: Workspace;
let caseId: number;
let attackerIds: number[];
let falsePositive: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-case-evidence-'));
  ws = openWorkspace(dir);
  const lines = Array.from({ length: BENIGN }, (_, i) =>
    line(`203.0.113.${1 + (i % 200)}`, i, `/page/${i}.html`, BROWSER),
  );
  // The attack comes last: its sessions get the highest ids. One probe is percent-encoded, so
  // the rule matched it decoded; one is the false positive an analyst clears.
  lines.push(line(ATTACKER, BENIGN, '/download?file=../../../../etc/passwd', BROWSER));
  lines.push(line(ATTACKER, BENIGN + 1, '/download?file=%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd', BROWSER));
  lines.push(line(ATTACKER, BENIGN + 2, '/index.html', 'sqlmap/1.8#stable (https://sqlmap.org)'));
  lines.push(line('192.0.2.77', BENIGN + 3, '/.env', 'sqlmap/1.8#stable (https://sqlmap.org)'));
  const log = path.join(dir, 'access.log');
  fs.writeFileSync(log, `${lines.join('\n')}\n`);
  const record = await runImport(ws.db, { file: log, enrich: false });
  expect(record.status).toBe('done');
  const all = ws.db.prepare('SELECT id FROM sessions ORDER BY id').pluck().all() as number[];
  attackerIds = ws.db
    .prepare('SELECT id FROM sessions WHERE src_ip = ? ORDER BY id')
    .pluck()
    .all(ATTACKER) as number[];
  falsePositive = ws.db
    .prepare(`SELECT id FROM sessions WHERE src_ip = '192.0.2.77'`)
    .pluck()
    .get() as number;
  caseId = createCase(ws.db, 'ana', {
    title: 'Traversal after a quiet day',
    severity: 'medium',
    summary: '',
    sessionIds: all,
    ips: [SERVER_NAMED],
  });
  setVerdict(ws.db, 'ana', { target: { srcIp: ATTACKER }, verdict: 'review' });
  setVerdict(ws.db, 'bob', { target: { srcIp: ATTACKER }, verdict: 'malicious', note: 'traversal' });
  setVerdict(ws.db, 'bob', {
    target: { sessionIds: [falsePositive] },
    verdict: 'benign',
    note: 'our scanner',
  });
  updateCase(ws.db, 'bob', { id: caseId, status: 'in_progress', severity: 'critical' });
  editCaseItems(ws.db, 'bob', { caseId, add: false, sessionIds: [all[0] as number], ips: [] });
}, 120_000);

afterAll(() => {
  ws.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a case report beyond the sessions it lists', () => {
  it('counts every session in its figures, and lists the evidence first', () => {
    const { data } = gatherCaseReport(ws.db, caseId, 'test');
    const total = BENIGN - 1 + 4;
    expect(data.sessionTotal).toBe(total);
    expect(data.sessions).toHaveLength(REPORT_SESSION_LIMIT);
    expect(data.totals.sessions).toBe(total);
    expect(data.totals.timeline?.buckets.reduce((n, b) => n + b.sessions, 0)).toBe(total);
    expect(new Map(data.totals.verdicts)).toEqual(
      new Map([
        ['no verdict', total - 4],
        ['malicious', 3],
        ['benign', 1],
      ]),
    );
    // The attacker's sessions (malicious, with rule hits) lead the list although their ids are last.
    expect(
      data.sessions
        .slice(0, 3)
        .map((s) => s.id)
        .sort(),
    ).toEqual([...attackerIds].sort());
    const attacker = data.indicators.find((i) => i.ip === ATTACKER);
    expect(attacker).toMatchObject({ sessions: 3, reasons: ['malicious verdict'], malicious: true });
    expect(data.indicators.find((i) => i.ip === SERVER_NAMED)).toMatchObject({
      sessions: 0,
      reasons: ['case item'],
      malicious: false,
    });
  });

  it('tells its history from the audit log: the verdict changed, the status and the removal', () => {
    const entries = timelineEntries(gatherCaseReport(ws.db, caseId, 'test'));
    const whats = entries.map((e) => `${e.who} ${e.what}`);
    expect(whats).toEqual([
      'ana case opened',
      'ana session added',
      'ana IP added',
      'ana verdict: review',
      'bob verdict: malicious',
      'bob verdict: benign',
      'bob case updated',
      'bob session removed',
    ]);
    expect(entries.find((e) => e.what === 'case updated')?.detail).toBe(
      'status open → in progress, severity medium → critical',
    );
    expect(entries.find((e) => e.what === 'verdict: malicious')?.detail).toMatch(
      /^3 sessions .* — traversal$/,
    );
  });

  it('says in the HTML what the listed rows are out of', () => {
    const page = renderCaseHtml(gatherCaseReport(ws.db, caseId, 'test'), verifyAuditChain(ws.db));
    expect(page).toContain(
      `<h2>Sessions (200 of ${(BENIGN + 3).toLocaleString('en-US')}: malicious verdicts, rule hits and flags first, in time order; the CSV export has all)</h2>`,
    );
    expect(page).toContain(`over all ${(BENIGN + 3).toLocaleString('en-US')} sessions`);
    expect(page).toMatch(/<h2>Requests \(200 of [\d,]+, with \d+ of the case&#39;s \d+ rule hits\)<\/h2>/);
    for (const id of attackerIds) expect(page).toContain(`<td class="num whole">${id}</td>`);
  });

  it('puts every session in the STIX bundle, and shares no indicator a pattern or verdict contradicts', async () => {
    const file = path.join(dir, 'case.stix.json');
    const written = await exportToFile(ws.db, { caseId, format: 'stix', path: file });
    expect(written.sessions).toBe(BENIGN + 3);
    const objects = JSON.parse(fs.readFileSync(file, 'utf8')).objects as Record<string, unknown>[];
    expect(objects.filter((o) => o.type === 'observed-data')).toHaveLength(BENIGN + 3);
    const indicators = objects.filter((o) => o.type === 'indicator');
    const named = indicators.find((o) => o.name === `Suspicious IP ${SERVER_NAMED}`);
    expect(named?.indicator_types).toEqual(['unknown']);
    expect(indicators.find((o) => o.name === `Suspicious IP ${ATTACKER}`)?.indicator_types).toEqual([
      'malicious-activity',
    ]);
    // Every rule-hit pattern's value is in the request of each observation it is based on.
    const byId = new Map(objects.map((o) => [o.id, o]));
    for (const rel of objects.filter((o) => o.type === 'relationship')) {
      const indicator = byId.get(rel.source_ref) as { pattern: string; labels?: string[] };
      if (!indicator.labels?.some((l) => l.startsWith('sigma:'))) continue;
      // LIKE '%value%', or MATCHES the value as a regular expression (a value holding % or _).
      const [, operator, text = ''] = /(LIKE|MATCHES) '(.*)'\]$/.exec(indicator.pattern) ?? [];
      const unquoted = text.replace(/\\(['\\])/g, '$1');
      const contains =
        operator === 'LIKE'
          ? (logged: string) => logged.includes(unquoted.slice(1, -1))
          : (logged: string) => new RegExp(unquoted).test(logged);
      const observed = byId.get(rel.target_ref) as { object_refs: string[] };
      const traffic = byId.get(observed.object_refs[0]) as {
        extensions: {
          'http-request-ext': { request_value: string; request_header?: Record<string, string> };
        };
      };
      const http = traffic.extensions['http-request-ext'];
      expect(operator).toBeDefined();
      expect(contains(`${http.request_value}\n${http.request_header?.['User-Agent'] ?? ''}`)).toBe(true);
    }
    // The probe the rule matched only percent-decoded is evidence of a rule-hit indicator too: its
    // pattern names the decoded value in any of its encodings, and finds it as logged (above).
    const encodedProbe = objects.find(
      (o) =>
        o.type === 'observed-data' &&
        (
          byId.get((o.object_refs as string[])[0]) as {
            extensions?: Record<string, { request_value?: string }>;
          }
        ).extensions?.['http-request-ext']?.request_value?.includes('%2e%2e%2f'),
    );
    expect(encodedProbe).toBeDefined();
    const ruleIndicatorsOfProbe = objects.filter(
      (o) =>
        o.type === 'relationship' &&
        o.target_ref === encodedProbe?.id &&
        (byId.get(o.source_ref) as { labels?: string[] }).labels?.some((l) => l.startsWith('sigma:')),
    );
    expect(ruleIndicatorsOfProbe.length).toBeGreaterThan(0);
    // The benign session's scanner agent and .env probe are no indicator; the attacker's agent is.
    const patterns = indicators.map((o) => String(o.pattern));
    expect(patterns.some((p) => p.includes('.env'))).toBe(false);
    expect(patterns.some((p) => p.includes('sqlmap'))).toBe(true);
  });

  it('names network traffic by the UUIDv5 of its canonical JSON (STIX 2.1 §2.9, RFC 8785)', async () => {
    const file = path.join(dir, 'case.stix.json');
    await exportToFile(ws.db, { caseId, format: 'stix', path: file });
    const objects = JSON.parse(fs.readFileSync(file, 'utf8')).objects as Record<string, unknown>[];
    const traffic = objects.find((o) => o.type === 'network-traffic') as Record<string, unknown>;
    // The id-contributing properties, keys in code-unit order, written out by hand.
    const props = ['dst_port', 'dst_ref', 'end', 'extensions', 'protocols', 'src_port', 'src_ref', 'start']
      .filter((key) => traffic[key] !== undefined)
      .map(
        (key) => `"${key}":${key === 'extensions' ? sortedJson(traffic[key]) : JSON.stringify(traffic[key])}`,
      );
    expect(traffic.id).toBe(`network-traffic--${uuidv5(`{${props.join(',')}}`)}`);
  });
});

function sortedJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

function uuidv5(name: string): string {
  const namespace = Buffer.from('00abedb4aa42466c9c01fed23315a9b7', 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
