// One address written in two text forms (IPv4 and IPv4-mapped IPv6 from a dual-stack server; an
// IPv6 address compressed and with every group) is one node of the graph, named by its canonical
// text (canonicalIp), whether the edges come from the rollup or from the sessions; its edge lists
// the sessions of both forms, its drill-down has one peer, a verdict on either form colours it, and
// the filter terms an analyst pivots with (ip:, src:, a block) draw the same node. Real imports.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { graphService } from '../../../src-main/core/services/graph.js';
import { type ArgsOf, operations, type ResultOf } from '../../../src-shared/api.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/parse.js';
import type { IpGraph } from '../../../src-shared/graph.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;
let dir: string;

async function call<K extends 'graphEdges' | 'ipNeighbours' | 'edgeSessions' | 'ipProfile'>(
  name: K,
  args: ArgsOf<K>,
) {
  const service = graphService({ db });
  const parsed = operations[name].args.parse(args);
  const result = await (service[name] as (a: unknown) => Promise<unknown>)(parsed);
  return operations[name].result.parse(result) as ResultOf<K>;
}

const edgesOf = (graph: IpGraph) =>
  graph.edges.source
    .map(
      (s, i) => `${graph.nodes.ip[s]} -> ${graph.nodes.ip[graph.edges.target[i]!]} ${graph.edges.weight[i]}`,
    )
    .sort();

// A virtual host written as an address is the server's address (the session's destination IP).
const line = (vhost: string, client: string, second: number) =>
  `${vhost} ${client} - - [25/Apr/2024:10:00:${String(second).padStart(2, '0')} +0000] "GET /p${second} HTTP/1.1" 200 100 "-" "curl/8.5.0"`;

const EXPECTED = ['192.0.2.1 -> 10.0.0.5 3', '2001:db8::1 -> 10.0.0.5 2'];

beforeAll(async () => {
  dir = tempDir();
  db = openDatabase(path.join(dir, 'forms.db'));
  const file = path.join(dir, 'dual.log');
  fs.writeFileSync(
    file,
    `${[
      line('10.0.0.5:80', '192.0.2.1', 1),
      line('10.0.0.5:80', '::ffff:192.0.2.1', 2),
      line('10.0.0.5:80', '::FFFF:192.0.2.1', 3),
      line('10.0.0.5:80', '2001:db8::1', 4),
      line('10.0.0.5:80', '2001:0db8:0:0:0:0:0:1', 5),
    ].join('\n')}\n`,
  );
  expect((await runImport(db, { file, enrich: false })).status).toBe('done');
}, 60_000);

afterAll(() => db.close());

describe('one address in two text forms', () => {
  it('is one node, from the rollup and from the sessions', async () => {
    expect(edgesOf(await call('graphEdges', { filter: {} } as ArgsOf<'graphEdges'>))).toEqual(EXPECTED);
    expect(edgesOf(await call('graphEdges', { filter: { from: 0 } } as ArgsOf<'graphEdges'>))).toEqual(
      EXPECTED,
    );
  });

  it('agrees with the filters an analyst pivots with', async () => {
    for (const text of ['ip:192.0.2.1', 'src:::ffff:192.0.2.1', 'src:192.0.2.0/24']) {
      const graph = await call('graphEdges', {
        filter: { clauses: parseFilterOrThrow(text) },
      } as ArgsOf<'graphEdges'>);
      expect(edgesOf(graph), text).toEqual(['192.0.2.1 -> 10.0.0.5 3']);
    }
    // Some groups padded and some not: no list of forms holds it, the address's number does.
    for (const text of ['ip:2001:db8::1', 'src:2001:DB8:0:0:0:0:0:1', 'src:2001:db8::/32']) {
      const graph = await call('graphEdges', {
        filter: { clauses: parseFilterOrThrow(text) },
      } as ArgsOf<'graphEdges'>);
      expect(edgesOf(graph), text).toEqual(['2001:db8::1 -> 10.0.0.5 2']);
    }
  });

  it("lists every form's sessions under its edge, and its neighbourhood and peers as one", async () => {
    const page = await call('edgeSessions', { src: '192.0.2.1', dst: '10.0.0.5' } as ArgsOf<'edgeSessions'>);
    expect(page.total).toBe(3);
    const v6 = await call('edgeSessions', { src: '2001:db8::1', dst: '10.0.0.5' } as ArgsOf<'edgeSessions'>);
    expect(v6.total).toBe(2);
    const around = await call('ipNeighbours', { ip: '192.0.2.1' } as ArgsOf<'ipNeighbours'>);
    expect(edgesOf(around)).toEqual(['192.0.2.1 -> 10.0.0.5 3']);
    const profile = await call('ipProfile', { ip: '10.0.0.5' } as ArgsOf<'ipProfile'>);
    expect(profile.peers.map((p) => `${p.direction} ${p.ip} ${p.sessions}`).sort()).toEqual([
      'in 192.0.2.1 3',
      'in 2001:db8::1 2',
    ]);
  });

  it('wears the verdict judged on a session of either form', async () => {
    const id = db
      .prepare(`SELECT id FROM sessions WHERE src_ip = '::ffff:192.0.2.1'`)
      .pluck()
      .get() as number;
    const action = db
      .prepare(`INSERT INTO audit_actions (at, analyst, kind, summary) VALUES (1, 'test', 'verdict', 'test')`)
      .run().lastInsertRowid;
    db.prepare(
      `INSERT INTO verdicts (session_id, verdict, analyst, note, at, action_id) VALUES (?, 'malicious', 'test', NULL, 1, ?)`,
    ).run(id, action);
    const graph = await call('graphEdges', { filter: { from: 0 } } as ArgsOf<'graphEdges'>);
    expect(graph.nodes.verdict[graph.nodes.ip.indexOf('192.0.2.1')]).toBe('malicious');
  });

  it('leaves text that is no address as it is: a malformed one is not a form of another', async () => {
    const { canonicalIp } = await import('../../../src-shared/ip.js');
    expect(canonicalIp('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(canonicalIp('2001:0DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(canonicalIp('::ffff:1:2')).toBe('0.1.0.2');
    for (const text of ['shop.example.com', 'server of access.log', '192.0.2.256', '2001:db8::1::2', ''])
      expect(canonicalIp(text)).toBe(text);
  });
});
