// The operations on remote sources (ClickHouse): add, list, test, remove, pull. They reach the
// network, so they run on the main thread like the CloudWatch calls (it only waits on sockets);
// what they read and write in the database goes through the job store (the writer thread in the app).
import type { VigilService } from '../../../src-shared/api.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { serializeFilter } from '../../../src-shared/filter/serialize.js';
import type { SourceInfo } from '../../../src-shared/sources.js';
import {
  buildMapping,
  checkSource,
  refuseWorkspaceOnlyTerms,
  remoteGraphEdges,
  remoteOverview,
  remoteSessionPage,
  type SourceConnectionOptions,
  withSource,
} from '../connectors/clickhouse/index.js';
import type { SourcePullJobs } from '../jobs/source-pull-jobs.js';
import type { JobStore } from './job-store.js';
import type { SourceOperation } from './source-operations.js';
import { SourceTickets } from './source-tickets.js';

export interface SourcesContext {
  store: JobStore;
  pulls: SourcePullJobs;
  connection?: SourceConnectionOptions;
}

export function sourcesService(context: SourcesContext): Pick<VigilService, SourceOperation> {
  const { store, pulls } = context;
  const tickets = new SourceTickets();
  const named = async (name: string): Promise<SourceInfo> => {
    const source = await store.sourceNamed(name);
    if (!source) throw new Error(`No source named "${name}". See them with: vigil source list`);
    return source;
  };
  /**
   * The source a filter is asked of; refused first when the filter has a term only the workspace
   * knows (sigma:, verdict: …): the analyst's filter, not a failure, said before the engine is asked
   * or a pull's job starts (an HTTP 4xx, src-shared/refusal.ts).
   */
  const askable = async (name: string, filter: SessionFilter): Promise<SourceInfo> => {
    const source = await named(name);
    refuseWorkspaceOnlyTerms(filter);
    return source;
  };
  return {
    async addSource(args) {
      const source: SourceInfo = {
        name: args.name,
        kind: 'clickhouse',
        url: args.clickhouse.replace(/\/+$/, ''),
        database: args.database,
        table: args.table,
        preset: args.map,
        mapping: buildMapping(args.map, args.fields),
        user: args.user,
        passwordEnv: args.passwordEnv ?? null,
        profileFile: args.profileFile ?? null,
        createdAt: Date.now(),
        lastPulledTs: null,
      };
      if (await store.sourceNamed(source.name))
        throw new Error(
          `A source named "${source.name}" exists already; remove it first (vigil source remove).`,
        );
      // Checked before it is saved: a wrong table, column or password is said now, not at the first pull.
      if (!args.noCheck) await checkSource(source, context.connection);
      return store.saveSource(source);
    },
    listSources: () => store.sourcesList(),
    async testSource({ name, ticket }) {
      const info = await named(name);
      return tickets.run(ticket, (signal) => checkSource(info, context.connection, signal));
    },
    async removeSource({ name }) {
      if (!(await store.deleteSource(name))) throw new Error(`No source named "${name}".`);
      return { removed: name };
    },
    async startSourcePull({ source, filter, ...range }) {
      const info = await askable(source, filter);
      const selector = serializeFilter(filter.clauses ?? []);
      return { jobId: pulls.start({ source: info, filter, selector, ...range }) };
    },
    async sourceOverview({ source, filter, ticket }) {
      const info = await askable(source, filter);
      const started = Date.now();
      const charts = await tickets.run(ticket, (signal) =>
        withSource(info, context.connection ?? {}, (connection) =>
          remoteOverview(connection, info, filter, signal),
        ),
      );
      return { ...charts, remote: info.name, milliseconds: Date.now() - started };
    },
    async sourceGraphEdges({ source, ticket, ...request }) {
      const info = await askable(source, request.filter);
      return tickets.run(ticket, (signal) =>
        withSource(info, context.connection ?? {}, (connection) =>
          remoteGraphEdges(connection, info, request, signal),
        ),
      );
    },
    async sourceSessions({ source, filter, after, limit, ticket }) {
      const info = await askable(source, filter);
      return tickets.run(ticket, (signal) =>
        withSource(info, context.connection ?? {}, (connection) =>
          remoteSessionPage(connection, info, filter, after, limit, signal),
        ),
      );
    },
    cancelSourceQuery: async ({ ticket }) => ({ cancelled: await tickets.cancel(ticket) }),
  };
}
