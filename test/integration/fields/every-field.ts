// A database whose sessions carry a value in every stored field, and the awkward values each kind
// of field meets in real logs (text with commas, quotes, line breaks and spreadsheet formula
// prefixes; zero and very large counts; missing values; IPv6), with verdicts, tags and a case on
// them. Tests that pin what the field table derives (exports, filters, pages) read the same data.
import fs from 'node:fs';
import path from 'node:path';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { tagSessions } from '../../../src-main/core/triage/tag-actions.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import type { MappingPreset } from '../../../src-shared/domain.js';
import type { Workspace } from '../triage/harness.js';

export const ROWS = 48;
const DAY = 86_400_000;
const START = Date.UTC(2024, 3, 25, 22, 0, 0);

const PRESET: MappingPreset = {
  name: 'every-field',
  format: 'mapped-jsonl',
  timestampFormat: 'auto',
  columns: {
    srcIp: 'src',
    dstIp: 'dst',
    start: 'start',
    end: 'end',
    srcPort: 'sport',
    dstPort: 'dport',
    protocol: 'proto',
    bytesIn: 'in',
    bytesOut: 'out',
    packets: 'packets',
    responseCode: 'status',
    country: 'cc',
    ruleName: 'rule',
    detectionType: 'type',
    action: 'action',
    label: 'label',
  },
};

// Public addresses get an ASN from the shipped GeoIP data; documentation ranges and IPv6 do not.
const SOURCES = ['8.8.8.8', '1.1.1.1', '203.0.113.7', '198.51.100.20', '2001:db8::7', '9.9.9.9'];
const RULES = [
  'Suspicious Web Traffic',
  'Rule, with a comma',
  'said "hi"',
  '=HYPERLINK("x")',
  'two\r\nlines',
  'Grüße ☃',
];
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

function record(i: number): Record<string, unknown> {
  const start = START + i * 3_700_000 + (i % 5) * 250;
  const missing = (n: number) => i % n === n - 1;
  return {
    src: pick(SOURCES, i),
    dst: missing(7) ? null : `10.0.${i % 3}.${(i * 7) % 250}`,
    start: new Date(start).toISOString(),
    end: missing(9) ? null : new Date(start + (i % 4) * 61_000 + (i % 3) * DAY).toISOString(),
    sport: missing(8) ? null : 1024 + i * 997,
    dport: missing(11) ? null : pick([443, 22, 80, 3389, 65535, 0], i),
    proto: missing(10) ? null : pick(['TCP', 'tcp', 'HTTPS', 'udp', 'ICMP'], i),
    in: missing(6) ? null : pick([0, 1, 1500, 9_007_199_254_740_991, 123_456_789], i),
    out: missing(5) ? null : pick([0, 2, 64_000, 1, 987_654_321_012], i),
    packets: missing(4) ? null : pick([0, 1, 12, 40_000], i),
    status: missing(3) ? null : pick([200, 404, 503, 301, 0, 999], i),
    cc: missing(12) ? null : pick(['us', 'DE', 'br', 'CN'], i),
    rule: missing(13) ? null : pick(RULES, i),
    type: missing(7) ? null : pick(['waf_rule', 'scan', '-leading dash', '+plus'], i),
    action: missing(2) ? null : pick(['BLOCK', 'ALLOW', '@count'], i),
    label: missing(3) ? null : pick(['attack', 'benign', 'Attack'], i),
    // Unmapped keys become the session's attrs.
    source: { name: pick(['web-0', 'web-1', '=cmd|calc'], i) },
    note: i % 4 === 0 ? `a,"b"\n${i}` : undefined,
  };
}

/** Imports ROWS sessions with every field, then verdicts, tags and a case; returns the case id. */
export async function importEveryField(ws: Workspace): Promise<{ ids: number[]; caseId: number }> {
  const file = path.join(ws.dir, 'every-field.jsonl');
  const lines = Array.from({ length: ROWS }, (_, i) => JSON.stringify(record(i)));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const done = await runImport(ws.db, { file, format: 'mapped-jsonl', preset: PRESET, enrich: true });
  if (done.status !== 'done' || done.stored !== ROWS)
    throw new Error(`import ${done.status}: ${done.stored} stored, ${done.message}`);
  const ids = ws.db.prepare('SELECT id FROM sessions ORDER BY raw_line').pluck().all() as number[];
  setVerdict(ws.db, 'ana', {
    target: { sessionIds: ids.slice(0, 10) },
    verdict: 'malicious',
    note: '=1+1, "quoted"\nnext',
  });
  setVerdict(ws.db, 'bo', { target: { sessionIds: ids.slice(10, 14) }, verdict: 'benign' });
  tagSessions(ws.db, 'ana', { tag: 'evidence', sessionIds: ids.slice(5, 20), on: true });
  tagSessions(ws.db, 'ana', { tag: '@beacon', sessionIds: ids.slice(8, 12), on: true });
  const caseId = createCase(ws.db, 'ana', {
    title: 'Every field',
    severity: 'high',
    summary: '',
    ips: ['9.9.9.9'],
    sessionIds: ids.slice(0, 6),
  });
  return { ids, caseId };
}
