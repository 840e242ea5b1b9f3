// Generated files through the real import pipeline: every record stored (NODATA quarantined with
// its reason), nothing counted as a duplicate, labels where the format carries them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { LABELS } from '../../../src-main/core/generate/session.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { generate, readSidecar, tempDirs } from './harness.js';

const tempDir = tempDirs();

async function importInto(dir: string, file: string) {
  const db = openDatabase(path.join(dir, 'vigil.db'));
  const record = await runImport(db, { file, enrich: false });
  return { db, record };
}

describe('generated files import cleanly', () => {
  it.each(['traffic.csv', 'traffic.csv.gz'])(
    'cloudwatch-csv (%s): every row stored with its label',
    async (name) => {
      const dir = tempDir();
      const result = await generate(dir, { rows: 30_000, attackRate: 0.05, seed: 3, name });
      const { db, record } = await importInto(dir, result.out);
      try {
        expect(record).toMatchObject({
          status: 'done',
          format: 'cloudwatch-csv',
          rowsRead: 30_000,
          stored: 30_000,
          quarantined: 0,
          duplicates: 0,
        });
        const stored = Object.fromEntries(LABELS.map((label) => [label, 0]));
        for (const row of db.prepare('SELECT label, count(*) AS n FROM sessions GROUP BY label').all() as {
          label: string;
          n: number;
        }[])
          stored[row.label] = row.n;
        expect(stored).toEqual(result.labels);
      } finally {
        db.close();
      }
    },
  );

  it('vpc-flow: every record stored, NODATA quarantined as such, sidecar labels line up', async () => {
    const dir = tempDir();
    const result = await generate(dir, {
      format: 'vpc-flow',
      rows: 20_000,
      attackRate: 0.05,
      name: 'flows.log',
    });
    const { db, record } = await importInto(dir, result.out);
    try {
      expect(record).toMatchObject({
        status: 'done',
        format: 'vpc-flow',
        rowsRead: result.records + result.nodata,
        stored: result.records,
        quarantined: result.nodata,
        duplicates: 0,
      });
      const reasons = db.prepare('SELECT reason FROM quarantine').all() as { reason: string }[];
      for (const { reason } of reasons) expect(reason).toMatch(/^log-status NODATA/);
      const labels = readSidecar(result.labelsFile!);
      const rows = db.prepare('SELECT raw_line AS line, action, protocol FROM sessions').all() as {
        line: number;
        action: string;
        protocol: string;
      }[];
      expect(rows.every((row) => labels.has(row.line))).toBe(true);
      // Only scanners are refused: the label the sidecar gives a REJECT line is always port_scan.
      const refused = rows.filter((row) => row.action === 'REJECT');
      expect(refused.length).toBeGreaterThan(0);
      expect(new Set(refused.map((row) => labels.get(row.line)))).toEqual(new Set(['port_scan']));
      expect(new Set(rows.map((row) => row.protocol))).toEqual(new Set(['tcp', 'udp']));
    } finally {
      db.close();
    }
  });

  it('waf-json: every request stored, hostile payloads kept verbatim, sidecar labels line up', async () => {
    const dir = tempDir();
    const result = await generate(dir, {
      format: 'waf-json',
      rows: 20_000,
      attackRate: 0.05,
      name: 'waf.jsonl',
    });
    const { db, record } = await importInto(dir, result.out);
    try {
      expect(record).toMatchObject({
        status: 'done',
        format: 'waf-json',
        rowsRead: 20_000,
        stored: 20_000,
        quarantined: 0,
        duplicates: 0,
      });
      const labels = readSidecar(result.labelsFile!);
      const rows = db.prepare('SELECT raw_line AS line, action, country FROM sessions').all() as {
        line: number;
        action: string;
        country: string;
      }[];
      const blocked = (label: string) => {
        const of = rows.filter((row) => labels.get(row.line) === label);
        return of.filter((row) => row.action === 'BLOCK').length / of.length;
      };
      expect(blocked('benign')).toBeLessThan(0.05);
      expect(blocked('port_scan')).toBeGreaterThan(0.4);
      // The request is in its fields, payloads verbatim; browsing clients send a Referer.
      const xss = db
        .prepare('SELECT count(*) FROM sessions WHERE query = ?')
        .pluck()
        .get('q=<script>alert(document.cookie)</script>') as number;
      expect(xss).toBeGreaterThan(0);
      const requests = db
        .prepare(
          `SELECT count(path_id) AS paths, count(user_agent_id) AS agents, count(method_id) AS methods,
             count(host_id) AS hosts, count(referrer_id) AS referrers, count(*) AS n FROM sessions`,
        )
        .get() as Record<string, number>;
      expect(requests).toMatchObject({ paths: 20_000, agents: 20_000, methods: 20_000, hosts: 20_000 });
      expect(requests.referrers).toBeGreaterThan(20_000 * 0.3);
      expect(requests.referrers).toBeLessThan(20_000 * 0.9);
    } finally {
      db.close();
    }
  });
});
