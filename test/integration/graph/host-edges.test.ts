// An access log names the client but not the server's address: its requests are edges from the
// client to the host it asked for (a virtual host), or to one node for the server that wrote the
// log when it names none. Checked on real imports through the graph operations as a transport
// calls them: the host nodes, their kind and volume, a host's neighbours, a virtual host written as
// an address staying an IP edge, and flow data without requests answering exactly as before.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { graphService } from '../../../src-main/core/services/graph.js';
import { type ArgsOf, operations, type ResultOf } from '../../../src-shared/api.js';
import type { IpGraph } from '../../../src-shared/graph.js';
import { CLOUDWATCH_HEADER, cloudwatchRow } from '../../helpers/cloudwatch-rows.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let webDb: Db;
let flowDb: Db;

async function call<K extends 'graphEdges' | 'ipNeighbours' | 'edgeSessions'>(
  db: Db,
  name: K,
  args: ArgsOf<K>,
) {
  const service = graphService({ db });
  const parsed = operations[name].args.parse(args);
  const result = await (service[name] as (a: unknown) => Promise<unknown>)(parsed);
  return operations[name].result.parse(result) as ResultOf<K>;
}

const line = (client: string, second: number, path: string, vhost?: string) =>
  `${vhost ? `${vhost} ` : ''}${client} - - [25/Apr/2024:10:00:${String(second).padStart(2, '0')} +0000] "GET ${path} HTTP/1.1" 200 100 "-" "curl/8.5.0"`;

/** Edges by their ends' names and the target's kind. */
function edgesOf(graph: IpGraph) {
  return graph.edges.source
    .map((s, i) => {
      const t = graph.edges.target[i]!;
      return `${graph.nodes.ip[s]} -> ${graph.nodes.ip[t]} (${graph.nodes.kind?.[t] ?? 'ip'}) ${graph.edges.weight[i]}`;
    })
    .sort();
}

beforeAll(async () => {
  const dir = tempDir();
  webDb = openDatabase(path.join(dir, 'web.db'));
  // A plain Combined log: no host named anywhere.
  const plain = path.join(dir, 'access.log');
  fs.writeFileSync(
    plain,
    `${[
      line('10.0.0.1', 1, '/a'),
      line('10.0.0.1', 2, '/b'),
      line('10.0.0.2', 3, '/a'),
      // No request at all: a TLS handshake sent to the plain port, still a line the server logged.
      '10.0.0.4 - - [25/Apr/2024:10:00:08 +0000] "\\x16\\x03\\x01" 400 0 "-" "-"',
    ].join('\n')}\n`,
  );
  // Virtual hosts: two sites by name, and one written as the server's address.
  const vhosts = path.join(dir, 'vhosts.log');
  fs.writeFileSync(
    vhosts,
    `${[
      line('10.0.0.1', 4, '/x', 'shop.example.com:443'),
      line('10.0.0.3', 5, '/x', 'shop.example.com:443'),
      line('10.0.0.3', 6, '/y', 'blog.example.com:80'),
      line('10.0.0.3', 7, '/z', '192.0.2.10:80'),
    ].join('\n')}\n`,
  );
  for (const file of [plain, vhosts])
    expect((await runImport(webDb, { file, enrich: false })).status).toBe('done');

  flowDb = openDatabase(path.join(dir, 'flows.db'));
  const flows = path.join(dir, 'flows.csv');
  fs.writeFileSync(
    flows,
    `${CLOUDWATCH_HEADER}\n${[0, 1, 2, 3, 4].map((i) => cloudwatchRow(i)).join('\n')}\n`,
  );
  await runImport(flowDb, { file: flows, enrich: false });
}, 60_000);

afterAll(() => {
  webDb.close();
  flowDb.close();
});

describe('requests without a server IP in the graph', () => {
  it('end at the host they asked for, or at the server of the log that names none', async () => {
    const graph = await call(webDb, 'graphEdges', { filter: {} } as ArgsOf<'graphEdges'>);
    expect(edgesOf(graph)).toEqual([
      '10.0.0.1 -> server of access.log (host) 2',
      '10.0.0.1 -> shop.example.com (host) 1',
      '10.0.0.2 -> server of access.log (host) 1',
      '10.0.0.3 -> 192.0.2.10 (ip) 1',
      '10.0.0.3 -> blog.example.com (host) 1',
      '10.0.0.3 -> shop.example.com (host) 1',
      '10.0.0.4 -> server of access.log (host) 1',
    ]);
    const at = (name: string) => graph.nodes.ip.indexOf(name);
    // A host's volume is its requests; it originated nothing and has no score or verdict.
    const server = at('server of access.log');
    expect(graph.nodes.volume[server]).toBe(4);
    expect(graph.nodes.originated[server]).toBe(0);
    expect(graph.nodes.kind?.[at('10.0.0.1')]).toBe('ip');
    expect(graph.nodes.volume[at('10.0.0.1')]).toBe(3);
  });

  it('a host lists the clients that asked for it as its neighbours, a filter narrows them', async () => {
    const shop = await call(webDb, 'ipNeighbours', { ip: 'shop.example.com' } as ArgsOf<'ipNeighbours'>);
    expect(edgesOf(shop)).toEqual([
      '10.0.0.1 -> shop.example.com (host) 1',
      '10.0.0.3 -> shop.example.com (host) 1',
    ]);
    const narrowed = await call(webDb, 'graphEdges', {
      filter: { srcIp: '10.0.0.3' },
    } as ArgsOf<'graphEdges'>);
    expect(edgesOf(narrowed)).toEqual([
      '10.0.0.3 -> 192.0.2.10 (ip) 1',
      '10.0.0.3 -> blog.example.com (host) 1',
      '10.0.0.3 -> shop.example.com (host) 1',
    ]);
  });

  it('a neighbourhood asked in another text form of the address finds the edges as drawn', async () => {
    const expected = [
      '10.0.0.3 -> 192.0.2.10 (ip) 1',
      '10.0.0.3 -> blog.example.com (host) 1',
      '10.0.0.3 -> shop.example.com (host) 1',
    ];
    // IPv4-mapped, as a dual-stack tool prints it; from the rollup, then from the sessions.
    for (const filter of [{}, { from: 0 }]) {
      const graph = await call(webDb, 'ipNeighbours', {
        ip: '::FFFF:10.0.0.3',
        filter,
      } as ArgsOf<'ipNeighbours'>);
      expect(edgesOf(graph)).toEqual(expected);
    }
  });

  it("lists an edge's sessions: the client's requests to the host, or in the log that names none", async () => {
    const sessions = async (src: string, dst: string, toHost: boolean) => {
      const page = await call(webDb, 'edgeSessions', { src, dst, toHost } as ArgsOf<'edgeSessions'>);
      return page.items.map((s) => `${s.srcIp} ${s.host ?? '-'} ${s.path}`).sort();
    };
    expect(await sessions('10.0.0.3', 'shop.example.com', true)).toEqual(['10.0.0.3 shop.example.com /x']);
    expect(await sessions('10.0.0.1', 'server of access.log', true)).toEqual([
      '10.0.0.1 - /a',
      '10.0.0.1 - /b',
    ]);
    // An IP edge is asked as before.
    expect(await sessions('10.0.0.3', '192.0.2.10', false)).toEqual(['10.0.0.3 192.0.2.10 /z']);
  });

  it('leaves data without requests as it was: IP edges only, no node kinds', async () => {
    const graph = await call(flowDb, 'graphEdges', { filter: {} } as ArgsOf<'graphEdges'>);
    expect(graph.edges.source.length).toBeGreaterThan(0);
    expect(graph.nodes).not.toHaveProperty('kind');
    const pairs = flowDb
      .prepare(
        `SELECT count(DISTINCT src_ip || ' ' || dst_ip) FROM sessions WHERE dst_ip IS NOT NULL AND dst_ip != ''`,
      )
      .pluck()
      .get();
    expect(graph.matchedEdges).toBe(pairs);
  });
});

describe('two logs with the same file name', () => {
  it("list every session the shared 'server of FILE' edge counts, from both imports", async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'two.db'));
    try {
      // Two web servers' logs, both called access.log, each naming no host: one node.
      for (const [server, seconds] of [
        ['web1', [1, 2]],
        ['web2', [3]],
      ] as const) {
        fs.mkdirSync(path.join(dir, server));
        const file = path.join(dir, server, 'access.log');
        fs.writeFileSync(file, `${seconds.map((s) => line('10.0.0.9', s, `/${server}`)).join('\n')}\n`);
        expect((await runImport(db, { file, enrich: false })).status).toBe('done');
      }
      const graph = await call(db, 'graphEdges', { filter: {} } as ArgsOf<'graphEdges'>);
      expect(edgesOf(graph)).toEqual(['10.0.0.9 -> server of access.log (host) 3']);
      const page = await call(db, 'edgeSessions', {
        src: '10.0.0.9',
        dst: 'server of access.log',
        toHost: true,
      } as ArgsOf<'edgeSessions'>);
      // The list holds what the edge's weight counts: all three requests, and says so.
      expect(page.items.map((s) => s.path).sort()).toEqual(['/web1', '/web1', '/web2']);
      expect(page.total).toBe(3);
    } finally {
      db.close();
    }
  });
});

describe('a host named like an IP that is also a node', () => {
  it("keeps apart from the IP's node, and its edge lists the requests to it, its expansion its clients", async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'proxy.db'));
    try {
      // A scanner probing for an open proxy asks for http://10.0.0.1/, itself a client of the log.
      const file = path.join(dir, 'proxy.log');
      fs.writeFileSync(
        file,
        `${[line('10.0.0.5', 1, 'http://10.0.0.1/'), line('10.0.0.1', 2, '/'), line('10.0.0.1', 3, '/b')].join('\n')}\n`,
      );
      expect((await runImport(db, { file, enrich: false })).status).toBe('done');
      const graph = await call(db, 'graphEdges', { filter: {} } as ArgsOf<'graphEdges'>);
      expect(edgesOf(graph)).toEqual([
        '10.0.0.1 -> server of proxy.log (host) 2',
        '10.0.0.5 -> 10.0.0.1 (host) (host) 1',
      ]);
      const hostNode =
        graph.nodes.ip[
          graph.edges.target[graph.edges.source.findIndex((s) => graph.nodes.ip[s] === '10.0.0.5')]!
        ]!;
      const page = await call(db, 'edgeSessions', {
        src: '10.0.0.5',
        dst: hostNode,
        toHost: true,
      } as ArgsOf<'edgeSessions'>);
      expect(page.total).toBe(1);
      // Its clients, under the same name: drawn into the graph, they join the host node, not the IP's.
      const clients = await call(db, 'ipNeighbours', { ip: hostNode } as ArgsOf<'ipNeighbours'>);
      expect(edgesOf(clients)).toEqual(['10.0.0.5 -> 10.0.0.1 (host) (host) 1']);
    } finally {
      db.close();
    }
  });
});
