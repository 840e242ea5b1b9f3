// The analyst's verdicts travel with a case's STIX bundle: a verdict is evidence, and a bundle that
// carried the sessions without saying which one the analyst called malicious (and as what kind of
// threat) would hand the receiver the traffic without the judgement. Each judged session gets a
// STIX note on its observed-data (who, when, the verdict, its kind and note), and the observed-data
// carries the verdict as labels; a session without a verdict gets neither.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verdictsOf } from '../../../src-main/core/db/verdicts.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { openWorkspace, type Workspace } from '../triage/harness.js';
import { validateStix } from './stix-schemas.js';

const LINES = [
  `198.51.100.7 - - [10/Oct/2024:13:55:36 +0000] "GET /products.php?id=1%27%20OR%201=1 HTTP/1.1" 500 312 "-" "sqlmap/1.8"`,
  '198.51.100.8 - - [10/Oct/2024:13:55:40 +0000] "GET /index.html HTTP/1.1" 200 2326 "-" "Mozilla/5.0"',
  '198.51.100.9 - - [10/Oct/2024:13:55:41 +0000] "GET /about.html HTTP/1.1" 200 1200 "-" "Mozilla/5.0"',
];

type StixObject = Record<string, unknown> & { id: string; type: string };
let dir: string;
let ws: Workspace;
let bundle: { objects: StixObject[] };
let ids: number[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-stix-verdicts-'));
  ws = openWorkspace(dir);
  const log = path.join(dir, 'access.log');
  fs.writeFileSync(log, `${LINES.join('\n')}\n`);
  expect((await runImport(ws.db, { file: log, enrich: false })).status).toBe('done');
  ids = ws.db.prepare('SELECT id FROM sessions ORDER BY raw_line').pluck().all() as number[];
  const [sqli, index] = ids as [number, number];
  setVerdict(ws.db, 'ana', {
    target: { sessionIds: [sqli] },
    verdict: 'malicious',
    kind: 'sqli',
    note: 'UNION probe from sqlmap',
  });
  setVerdict(ws.db, 'bo', { target: { sessionIds: [index] }, verdict: 'benign' });
  const caseId = createCase(ws.db, 'ana', {
    title: 'Probe',
    severity: 'high',
    summary: '',
    sessionIds: ids,
    ips: [],
  });
  const file = path.join(dir, 'case.stix.json');
  await exportToFile(ws.db, { caseId, format: 'stix', path: file });
  bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
});

afterAll(() => {
  ws.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The observed-data whose network traffic carries the request path `requestValue`. */
function observedOf(requestValue: string): StixObject {
  const traffic = bundle.objects.find(
    (o) =>
      o.type === 'network-traffic' &&
      (o.extensions as Record<string, Record<string, unknown>>)['http-request-ext']?.request_value ===
        requestValue,
  );
  const observed = bundle.objects.find(
    (o) => o.type === 'observed-data' && (o.object_refs as string[]).includes(traffic?.id ?? ''),
  );
  if (!observed) throw new Error(`no observed-data for ${requestValue}`);
  return observed;
}
const notesOn = (observed: StixObject) =>
  bundle.objects.filter((o) => o.type === 'note' && (o.object_refs as string[]).includes(observed.id));

describe("a case's STIX bundle with verdicts", () => {
  it('validates against the STIX 2.1 schemas, the notes with it', () => {
    expect(validateStix(bundle)).toEqual([]);
    const report = bundle.objects.find((o) => o.type === 'report');
    for (const note of bundle.objects.filter((o) => o.type === 'note'))
      expect(report?.object_refs).toContain(note.id);
  });

  it('says who judged each session, when, as what kind of threat and why', () => {
    const verdicts = verdictsOf(ws.db, ids);
    const sqli = observedOf('/products.php?id=1%27%20OR%201=1');
    expect(sqli.labels).toEqual(['verdict:malicious', 'verdict-kind:sqli']);
    const [note, ...more] = notesOn(sqli);
    expect(more).toEqual([]);
    expect(note).toMatchObject({
      abstract: 'Verdict: malicious (sqli)',
      authors: ['ana'],
      created: new Date(verdicts.get(ids[0] as number)?.at as number).toISOString(),
    });
    expect(note?.content).toBe(
      `ana judged session ${ids[0]} malicious, kind of threat sqli. Note: UNION probe from sqlmap`,
    );

    const index = observedOf('/index.html');
    expect(index.labels).toEqual(['verdict:benign']);
    expect(notesOn(index).map((n) => [n.abstract, n.authors, n.content])).toEqual([
      ['Verdict: benign', ['bo'], `bo judged session ${ids[1]} benign.`],
    ]);
  });

  it('adds nothing to a session without a verdict', () => {
    const about = observedOf('/about.html');
    expect(about.labels).toBeUndefined();
    expect(notesOn(about)).toEqual([]);
  });
});
