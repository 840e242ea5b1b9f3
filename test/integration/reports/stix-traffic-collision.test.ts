// Two requests an access log keeps apart can have the same STIX id-contributing properties: no
// ports in the log, the same second, source, request line and user agent (a scanner's retry, a
// credential-stuffing burst). Their byte counts still differ. Before, the bundle kept one
// network-traffic object per id and the later session overwrote the earlier, so the earlier
// session's observed-data pointed at the other request's byte count: a figure of the evidence
// misstated without a word.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { workspace } from '../triage/harness.js';

const AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:122.0) Gecko/20100101 Firefox/122.0';
const request = (bytes: number) =>
  `198.51.100.9 - - [10/Oct/2024:10:00:00 +0000] "POST /login HTTP/1.1" 401 ${bytes} "-" "${AGENT}"`;

type Obj = Record<string, unknown>;

describe('STIX network traffic of requests the log cannot tell apart by their id properties', () => {
  it("keeps each session's own byte count, and shares an object only when all of it is the same", async () => {
    const ws = workspace();
    const log = path.join(ws.dir, 'access.log');
    // Two requests alike in everything but the bytes sent back, and a third identical to the first.
    fs.writeFileSync(log, `${[request(512), request(4_096), request(512)].join('\n')}\n`);
    const record = await runImport(ws.db, { file: log, enrich: false });
    expect(record.status).toBe('done');
    const sessions = ws.db.prepare('SELECT id, bytes_out AS bytesOut FROM sessions ORDER BY id').all() as {
      id: number;
      bytesOut: number;
    }[];
    expect(sessions.map((s) => s.bytesOut).sort()).toEqual([4_096, 512, 512]);
    const caseId = createCase(ws.db, 'ana', {
      title: 'Login burst',
      severity: 'medium',
      summary: '',
      sessionIds: sessions.map((s) => s.id),
      ips: [],
    });
    const file = path.join(ws.dir, 'case.stix.json');
    await exportToFile(ws.db, { caseId, format: 'stix', path: file });
    const objects = JSON.parse(fs.readFileSync(file, 'utf8')).objects as Obj[];
    const byId = new Map(objects.map((o) => [o.id, o]));
    expect(byId.size).toBe(objects.length);

    const observed = objects.filter((o) => o.type === 'observed-data');
    expect(observed).toHaveLength(3);
    const counts = observed.map((od) => {
      const traffic = byId.get((od.object_refs as string[])[0]) as Obj;
      expect(traffic.type).toBe('network-traffic');
      return traffic.dst_byte_count;
    });
    // Each observation reads the bytes of a session of its own: 512, 4096 and 512, in any order.
    expect(counts.sort()).toEqual([4_096, 512, 512]);
    // The two identical requests share one object (that is what deterministic ids are for).
    expect(objects.filter((o) => o.type === 'network-traffic')).toHaveLength(2);
  });
});
