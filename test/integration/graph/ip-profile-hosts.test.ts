// The drill-down's "Top peers" of an access-log client lists the hosts its requests went to, with
// the names and counts of the graph's edges: a site named by the Host header or virtual host, or
// "server of FILE" when the log names none. Before, only sessions with a destination IP made peers,
// so a Combined log's client had none while the graph drew its edge to "server of access.log".
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { graphService } from '../../../src-main/core/services/graph.js';
import { type ArgsOf, operations, type ResultOf } from '../../../src-shared/api.js';
import type { EdgeWeight } from '../../../src-shared/graph.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;

async function call<K extends 'graphEdges' | 'ipProfile'>(name: K, args: ArgsOf<K>) {
  const service = graphService({ db });
  const parsed = operations[name].args.parse(args);
  const result = await (service[name] as (a: unknown) => Promise<unknown>)(parsed);
  return operations[name].result.parse(result) as ResultOf<K>;
}

const line = (client: string, second: number, bytes: number, vhost?: string) =>
  `${vhost ? `${vhost} ` : ''}${client} - - [25/Apr/2024:10:00:${String(second).padStart(2, '0')} +0000] "GET /p${second} HTTP/1.1" 200 ${bytes} "-" "curl/8.5.0"`;

/** The graph's edges out of `ip`, as "target weight", by the given weight. */
async function edgesFrom(ip: string, weight: EdgeWeight): Promise<string[]> {
  const graph = await call('graphEdges', { weight });
  return graph.edges.source
    .flatMap((s, i) =>
      graph.nodes.ip[s] === ip ? [`${graph.nodes.ip[graph.edges.target[i]!]} ${graph.edges.weight[i]}`] : [],
    )
    .sort();
}

beforeAll(async () => {
  const dir = tempDir();
  db = openDatabase(path.join(dir, 'web.db'));
  // A plain Combined log (no host named: the server of access.log), and one with virtual hosts.
  const plain = path.join(dir, 'access.log');
  fs.writeFileSync(
    plain,
    `${[line('10.0.0.1', 1, 100), line('10.0.0.1', 2, 250), line('10.0.0.2', 3, 40)].join('\n')}\n`,
  );
  const vhosts = path.join(dir, 'vhosts.log');
  fs.writeFileSync(
    vhosts,
    `${[
      line('10.0.0.1', 4, 7, 'shop.example.com:443'),
      line('10.0.0.1', 5, 9, 'shop.example.com:443'),
      line('10.0.0.1', 6, 11, 'shop.example.com:443'),
      line('10.0.0.3', 7, 5, 'blog.example.com:80'),
    ].join('\n')}\n`,
  );
  for (const file of [plain, vhosts])
    expect((await runImport(db, { file, enrich: false })).status).toBe('done');
});

afterAll(() => db.close());

describe('ipProfile peers of an access-log client', () => {
  it('lists the hosts of its requests, named and counted as the graph edges are', async () => {
    const profile = await call('ipProfile', { ip: '10.0.0.1' });
    expect(profile.peers).toEqual([
      { ip: 'shop.example.com', direction: 'out', sessions: 3, bytes: 27 },
      { ip: 'server of access.log', direction: 'out', sessions: 2, bytes: 350 },
    ]);
    // The same names and weights the graph draws for its edges.
    const peersBy = (w: EdgeWeight) =>
      profile.peers.map((p) => `${p.ip} ${w === 'sessions' ? p.sessions : p.bytes}`).sort();
    expect(peersBy('sessions')).toEqual(await edgesFrom('10.0.0.1', 'sessions'));
    expect(peersBy('bytes')).toEqual(await edgesFrom('10.0.0.1', 'bytes'));
  });

  it('keeps to the filter, as the graph does', async () => {
    const profile = await call('ipProfile', {
      ip: '10.0.0.1',
      filter: { from: Date.UTC(2024, 3, 25, 10, 0, 4) },
    });
    expect(profile.peers).toEqual([{ ip: 'shop.example.com', direction: 'out', sessions: 3, bytes: 27 }]);
  });
});
