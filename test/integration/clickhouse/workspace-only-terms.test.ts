// A filter term only the local workspace can answer (score:, verdict:, flagged:, kind:, sigma:,
// level:) asked of a source is the analyst's filter, not a failure of Vigil: serve mode answered
// it HTTP 500 and the page offered "Ask again". It is now a 422 whose envelope names the refusal's
// kind and the term, for the Overview, the graph, the Sessions table and the pull; and `vigil pull
// --source` says the same in one line, exits 1, and pulls nothing (no job, no import). Refused
// before the engine is asked: a source whose server is down gives the same refusal.
// Against a real clickhouse-server, through the real HTTP server and the built CLI.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFilterOrThrow } from '../../../src-shared/filter/parse.js';
import { WORKSPACE_ONLY_TERMS, type WorkspaceOnlyTerm } from '../../../src-shared/filter/workspace-only.js';
import { buildCliIfStale } from '../../helpers/built-cli.js';
import { addFleet, fixtureRows, loadFixture, T0 } from '../../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';
import { CLI, createTempDirs } from '../../helpers/temp.js';
import { callApi, type Harness, startHarness } from '../server/harness.js';

const tempDir = createTempDirs();
let server: ClickHouseServer;
let h: Harness;

beforeAll(async () => {
  buildCliIfStale();
  server = await startClickHouse();
  await loadFixture(server, 'logs', 'web', fixtureRows(200, 4));
  h = await startHarness();
  await addFleet(h.core, server);
  // Nothing listens on port 1: asking this source anything fails with "Cannot reach".
  await addFleet(h.core, server, { name: 'down', clickhouse: 'http://127.0.0.1:1', noCheck: true });
});
afterAll(async () => {
  await h?.close();
  await server?.stop();
});

const SIGMA =
  'sigma: is known only in the local workspace (detection rule hits): pull the rows first, then filter by sigma, or remove the term.';

/** A term of each workspace-only field, in a filter with a term the source can answer. */
const EXAMPLES: Record<WorkspaceOnlyTerm, string> = {
  score: 'score:>=0.8',
  verdict: 'verdict:none',
  flagged: 'flagged:yes',
  kind: 'kind:brute_force',
  sigma: 'sigma:"SQL injection"',
  level: 'level:>=high',
};

const filterOf = (text: string) => ({ clauses: parseFilterOrThrow(`country:US ${text}`) });

describe('a workspace-only term asked of a source over HTTP', () => {
  it.each([
    ['sourceOverview', {}],
    ['sourceSessions', { limit: 10 }],
    ['sourceGraphEdges', { limit: 10 }],
    ['startSourcePull', { from: T0, to: T0 + 10 ** 9 }],
  ] as const)('%s: 422 with the refusal kind, the term and the message', async (operation, more) => {
    for (const source of ['fleet', 'down']) {
      const reply = await callApi(h, operation, { source, filter: filterOf('sigma:sql'), ...more });
      expect(reply.status, source).toBe(422);
      expect(reply.json()).toEqual({ ok: false, error: SIGMA, kind: 'workspace-only-term', term: 'sigma' });
    }
    // Refused before a job started (a pull), or the engine was asked (a server down says nothing else).
    expect((await h.core.service.listJobs({})).filter((job) => job.kind === 'pull')).toEqual([]);
  });

  it.each(Object.entries(EXAMPLES))('every workspace-only term is refused so: %s', async (term, text) => {
    const reply = await callApi(h, 'sourceOverview', { source: 'fleet', filter: filterOf(`-${text}`) });
    expect(reply.status).toBe(422);
    expect(reply.json()).toEqual({
      ok: false,
      error: `${term}: is known only in the local workspace (${WORKSPACE_ONLY_TERMS[term as WorkspaceOnlyTerm]}): pull the rows first, then filter by ${term}, or remove the term.`,
      kind: 'workspace-only-term',
      term,
    });
  });

  it('a filter the source can answer is still answered, and another failure keeps no refusal kind', async () => {
    const answered = await callApi(h, 'sourceOverview', { source: 'fleet', filter: filterOf('') });
    expect(answered.status).toBe(200);
    const down = await callApi(h, 'sourceOverview', { source: 'down', filter: filterOf('') });
    expect(down.status).toBe(500);
    expect(Object.keys(down.json() as object)).toEqual(['ok', 'error']);
    const missing = await callApi(h, 'sourceOverview', { source: 'nowhere', filter: filterOf('sigma:x') });
    expect(missing.status).toBe(500);
    expect(missing.json()).toEqual({
      ok: false,
      error: 'No source named "nowhere". See them with: vigil source list',
    });
  });
});

describe('vigil pull --source with a workspace-only term', () => {
  it('says why in one line, exits 1, and pulls nothing', async () => {
    const db = path.join(tempDir(), 'vigil.db');
    const env = { ...process.env, VIGIL_TEST_CH_PASSWORD: server.password };
    const vigil = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, ...args, '--db', db], { encoding: 'utf8', env });
    const added = vigil(
      'source',
      'add',
      'fleet',
      '--clickhouse',
      server.url,
      '--database',
      'logs',
      '--table',
      'web',
      '--password-env',
      'VIGIL_TEST_CH_PASSWORD',
    );
    expect(added.status, added.stderr).toBe(0);
    const pull = vigil('pull', '--source', 'fleet', '--from', String(T0), '--filter', 'country:US sigma:sql');
    expect(pull.stderr).toBe(`vigil: ${SIGMA}\n`);
    expect(pull.stdout).toBe('');
    expect(pull.status).toBe(1);
    // The workspace holds no import or session of it.
    const imports = vigil('imports', '--json');
    expect(imports.status, imports.stderr).toBe(0);
    expect(JSON.parse(imports.stdout)).toEqual([]);
    const stats = vigil('stats', '--json');
    expect(JSON.parse(stats.stdout)).toMatchObject({ sessions: 0 });
  });
});
