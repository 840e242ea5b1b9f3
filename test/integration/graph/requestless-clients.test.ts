// A client whose access-log lines carry no request at all (`"-"`: a connection closed before one
// arrived, a scanner's TLS probe) is still a client the server logged and answered: it draws its
// edge to the server of the log, as a client that sent garbage does, in a log that also has
// requests and in one of nothing but such lines. Real imports, through the graph operations.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { graphService } from '../../../src-main/core/services/graph.js';
import { type ArgsOf, operations, type ResultOf } from '../../../src-shared/api.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/parse.js';
import type { IpGraph } from '../../../src-shared/graph.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

async function call<K extends 'graphEdges' | 'ipNeighbours' | 'edgeSessions' | 'ipProfile'>(
  db: Db,
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

const noRequest = (client: string, second: number) =>
  `${client} - - [25/Apr/2024:00:00:${String(second).padStart(2, '0')} +0000] "-" 400 0 "-" "-"`;
const request = (client: string, second: number) =>
  `${client} - - [25/Apr/2024:00:00:${String(second).padStart(2, '0')} +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8.5.0"`;

async function importLog(lines: string[]): Promise<Db> {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'vigil.db'));
  const file = path.join(dir, 'access.log');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  expect((await runImport(db, { file, enrich: false })).status).toBe('done');
  return db;
}

describe('a client whose lines carry no request', () => {
  it('draws its edge to the server of the log beside the clients that made requests', async () => {
    const db = await importLog([
      request('10.0.0.1', 1),
      noRequest('198.51.100.7', 2),
      noRequest('198.51.100.7', 3),
      // Not a line at all: quarantined, no session, no node.
      'this is not an access log line',
    ]);
    try {
      const graph = await call(db, 'graphEdges', { filter: {} } as ArgsOf<'graphEdges'>);
      expect(edgesOf(graph)).toEqual([
        '10.0.0.1 -> server of access.log 1',
        '198.51.100.7 -> server of access.log 2',
      ]);
      // A filter the rollup cannot answer (status) reads the sessions: the same edge.
      const filtered = await call(db, 'graphEdges', {
        filter: { clauses: parseFilterOrThrow('status:400') },
      } as ArgsOf<'graphEdges'>);
      expect(edgesOf(filtered)).toEqual(['198.51.100.7 -> server of access.log 2']);
      // Its neighbourhood, its edge's sessions and its drill-down's peers say the same.
      const around = await call(db, 'ipNeighbours', { ip: '198.51.100.7' } as ArgsOf<'ipNeighbours'>);
      expect(edgesOf(around)).toEqual(['198.51.100.7 -> server of access.log 2']);
      const page = await call(db, 'edgeSessions', {
        src: '198.51.100.7',
        dst: 'server of access.log',
        toHost: true,
      } as ArgsOf<'edgeSessions'>);
      expect(page.total).toBe(2);
      const profile = await call(db, 'ipProfile', { ip: '198.51.100.7' } as ArgsOf<'ipProfile'>);
      expect(profile.peers.map((p) => `${p.ip} ${p.sessions}`)).toEqual(['server of access.log 2']);
    } finally {
      db.close();
    }
  });

  it('draws its edge in a log of nothing but such lines (a scanner-only log)', async () => {
    const db = await importLog([noRequest('198.51.100.7', 1), noRequest('198.51.100.8', 2)]);
    try {
      const graph = await call(db, 'graphEdges', { filter: {} } as ArgsOf<'graphEdges'>);
      expect(edgesOf(graph)).toEqual([
        '198.51.100.7 -> server of access.log 1',
        '198.51.100.8 -> server of access.log 1',
      ]);
    } finally {
      db.close();
    }
  });
});
