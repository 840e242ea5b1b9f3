// A case of web requests: the HTML report lists each request (as logged and decoded) with its rule
// hits and the matched value marked; the STIX bundle validates, carries each request as the
// traffic's http-request-ext, and turns the rule hits into indicators whose references all resolve;
// the CSV and JSON exports carry each session's rule hits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionRuleHits } from '../../../src-main/core/db/rule-hits.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { openWorkspace, type Workspace } from '../triage/harness.js';
import { parseCsv } from './csv-parse.js';
import { validateStix } from './stix-schemas.js';

const SQLI = '/products.php?id=1%27%20UNION%20SELECT%20username,password%20FROM%20users--';
const LINES = [
  `198.51.100.7 - - [10/Oct/2024:13:55:36 +0000] "GET ${SQLI} HTTP/1.1" 500 312 "-" "sqlmap/1.8#stable (https://sqlmap.org)"`,
  '198.51.100.7 - - [10/Oct/2024:13:55:40 +0000] "GET /index.html HTTP/1.1" 200 2326 "https://example.com/" "Mozilla/5.0 (X11; Linux x86_64; rv:122.0) Gecko/20100101 Firefox/122.0"',
  '198.51.100.7 - - [10/Oct/2024:13:55:41 +0000] "\\x16\\x03\\x01" 400 0 "-" "-"',
];

// One workspace for the suite (the temp-dir helper empties its dirs after each test).
let dir: string;
let ws: Workspace;
let caseId: number;
let ids: number[];
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-web-report-'));
  ws = openWorkspace(dir);
  const log = path.join(dir, 'access.log');
  fs.writeFileSync(log, `${LINES.join('\n')}\n`);
  const record = await runImport(ws.db, { file: log, enrich: false });
  expect(record.status).toBe('done');
  ids = ws.db.prepare('SELECT id FROM sessions ORDER BY raw_line').pluck().all() as number[];
  expect(ids).toHaveLength(3);
  caseId = createCase(ws.db, 'ana', {
    title: 'SQL injection on products',
    severity: 'high',
    summary: '',
    sessionIds: ids,
    ips: [],
  });
  for (const format of ['html', 'stix', 'csv', 'json'] as const) {
    files[format] = path.join(dir, format === 'stix' ? 'case.stix.json' : `case.${format}`);
    await exportToFile(ws.db, { caseId, format, path: files[format] as string });
  }
});

afterAll(() => {
  ws.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a case of web requests', () => {
  it('has the SQL injection hit from the shipped rules (what the report shows)', () => {
    const hits = sessionRuleHits(ws.db, ids[0] as number);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((h) => h.value !== null && /union/i.test(h.value))).toBe(true);
  });

  it('lists each request in the HTML, decoded and raw, with its rule hits marked', () => {
    const page = fs.readFileSync(files.html as string, 'utf8');
    expect(page).toContain('<h2>Requests (3;');
    expect(page).toContain(`<code>GET ${SQLI} HTTP/1.1</code>`);
    expect(page).toContain(
      'decoded: <code>GET /products.php?id=1&#39; UNION SELECT username,password FROM users-- HTTP/1.1</code>',
    );
    expect(page).toContain('<code>\\x16\\x03\\x01</code>');
    expect(page).toMatch(/<span class="level level-(high|critical|medium)">/);
    expect(page).toMatch(/\(query = <mark>[^<]*UNION[^<]*<\/mark>\)|\(path = <mark>/i);
    expect(page).toContain('sqlmap/1.8#stable (https://sqlmap.org) <span class="meta">(tool)</span>');
  });

  it('leaves out of the sessions table the columns no listed session records, and names them', () => {
    const page = fs.readFileSync(files.html as string, 'utf8');
    const table = page.slice(page.indexOf('<table class="sessions">'));
    const headers = [...table.slice(0, table.indexOf('</tr>')).matchAll(/<th>([^<]*)<\/th>/g)].map(
      (m) => m[1],
    );
    // An access log has no destination, port, protocol, detection type, log rule or bytes in.
    expect(headers).toEqual(['id', 'start (UTC)', 'source', 'bytes out', 'score', 'flagged', 'verdict']);
    expect(page).toContain(
      'Left out, empty for every session listed: destination, port, proto, country, detection, rule, bytes in, kind, by, verdict note, tags.',
    );
    // Every row has as many cells as the header.
    const rows = table.slice(0, table.indexOf('</table>')).split('<tr>').slice(2);
    for (const row of rows) expect(row.match(/<td/g)).toHaveLength(headers.length);
  });

  it('carries the requests and rule hits in STIX 2.1 whose references all resolve', () => {
    const bundle = JSON.parse(fs.readFileSync(files.stix as string, 'utf8')) as {
      objects: (Record<string, unknown> & { id: string; type: string })[];
    };
    expect(validateStix(bundle)).toEqual([]);
    const byId = new Map(bundle.objects.map((o) => [o.id, o]));
    const refs = (o: Record<string, unknown>) =>
      Object.entries(o).flatMap(([key, value]) =>
        key.endsWith('_ref') ? [value as string] : key.endsWith('_refs') ? (value as string[]) : [],
      );
    for (const o of bundle.objects)
      for (const ref of refs(o)) expect(byId.has(ref), `${o.id} → ${ref}`).toBe(true);

    const traffic = bundle.objects.filter((o) => o.type === 'network-traffic');
    const requests = traffic.flatMap((o) => {
      const ext = (o.extensions as Record<string, Record<string, unknown>> | undefined)?.['http-request-ext'];
      return ext ? [{ o, ext }] : [];
    });
    // The TLS handshake is no request: its traffic has no extension.
    expect(requests).toHaveLength(2);
    const sqli = requests.find(({ ext }) => String(ext.request_value).startsWith('/products.php'));
    expect(sqli?.ext).toEqual({
      request_method: 'get',
      request_value: SQLI,
      request_version: 'http/1.1',
      request_header: { 'User-Agent': 'sqlmap/1.8#stable (https://sqlmap.org)' },
    });
    expect(sqli?.o.protocols).toEqual(['ipv4', 'tcp', 'http']);
    const index = requests.find(({ ext }) => ext.request_value === '/index.html');
    expect(index?.ext.request_header).toMatchObject({ Referer: 'https://example.com/' });

    const hitIndicators = bundle.objects.filter(
      (o) => o.type === 'indicator' && String(o.pattern).includes("extensions.'http-request-ext'"),
    );
    expect(hitIndicators.length).toBeGreaterThan(0);
    for (const indicator of hitIndicators) {
      expect(indicator.pattern).toMatch(
        /^\[network-traffic:extensions\.'http-request-ext'\.(request_value|request_header\.'User-Agent') (LIKE '%.+%'|MATCHES '.+')\]$/,
      );
      // Based on the observed-data of the SQL injection session, which holds its traffic.
      const based = bundle.objects.filter((o) => o.type === 'relationship' && o.source_ref === indicator.id);
      expect(based.length).toBeGreaterThan(0);
      for (const r of based) {
        const observed = byId.get(r.target_ref as string);
        expect(observed?.type).toBe('observed-data');
        expect(observed?.object_refs).toContain(sqli?.o.id);
      }
    }
    const report = bundle.objects.find((o) => o.type === 'report');
    for (const indicator of hitIndicators) expect(report?.object_refs).toContain(indicator.id);
  });

  it('makes an indicator of the percent-encoded SQL injection, whose pattern finds it as logged', () => {
    const bundle = JSON.parse(fs.readFileSync(files.stix as string, 'utf8')) as {
      objects: (Record<string, unknown> & { id: string; type: string })[];
    };
    // The hit's value holds % (as logged): LIKE cannot say it, a regular expression can.
    const value = sessionRuleHits(ws.db, ids[0] as number).find((h) => /union/i.test(h.value ?? ''))?.value;
    expect(value).toContain('%');
    const indicator = bundle.objects.find(
      (o) =>
        o.type === 'indicator' && String(o.pattern).includes('MATCHES') && /UNION/.test(String(o.pattern)),
    );
    expect(indicator, 'an indicator for the SQL injection hit').toBeDefined();
    const literal = /MATCHES '(.*)'\]$/.exec(String(indicator?.pattern))?.[1] ?? '';
    const regex = new RegExp(literal.replace(/\\(['\\])/g, '$1'));
    expect(regex.test(SQLI)).toBe(true);
    expect(regex.test(SQLI.replace('%27', "'"))).toBe(false);
  });

  it("lists each session's rule hits in the CSV and JSON exports, as stored", () => {
    const stored = sessionRuleHits(ws.db, ids[0] as number).map(({ ruleId, title, level, field, value }) => ({
      ruleId,
      title,
      level,
      field,
      value,
    }));
    expect(stored.length).toBeGreaterThan(0);

    const [header, ...rows] = parseCsv(fs.readFileSync(files.csv as string, 'utf8'));
    const at = header?.indexOf('rule_hits') ?? -1;
    expect(at).toBeGreaterThan(-1);
    const byId = new Map(rows.map((row) => [Number(row[0]), row[at]]));
    expect(JSON.parse(byId.get(ids[0] as number) as string)).toEqual(stored);
    // The plain page view has no hit: its cell is empty.
    expect(byId.get(ids[1] as number)).toBe('');

    const json = JSON.parse(fs.readFileSync(files.json as string, 'utf8')) as {
      id: number;
      ruleHits: unknown[];
    }[];
    expect(json.find((s) => s.id === ids[0])?.ruleHits).toEqual(stored);
    expect(json.find((s) => s.id === ids[1])?.ruleHits).toEqual([]);
  });
});
