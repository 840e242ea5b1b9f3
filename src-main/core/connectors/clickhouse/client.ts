// One connection to a ClickHouse source through the official client. Everything Vigil asks goes
// through `lines` (a stream of text lines), on which `rows` (JSON objects) and `all` (a small
// answer) are built: every failure becomes a clear message (server-errors.ts), and the query is
// killed on the server when the caller cancels.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import type { SourceInfo } from '../../../../src-shared/sources.js';
import { loginOf, passwordSourceOf } from './credentials.js';
import { sqlString } from './literal.js';
import { describeSourceError, ERROR_LINE, type Where } from './server-errors.js';
import { boundedHandshakeAgent } from './tls-handshake.js';

const require = createRequire(import.meta.url);

export interface SourceConnectionOptions {
  /** How long one request may take before it is given up (default 5 minutes). */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Engine settings over Vigil's (tests turn wait_end_of_query off to see an error after rows). */
  settings?: Record<string, string | number>;
  /** How long an https:// server may take to finish its TLS handshake (default tls-handshake.ts). */
  handshakeTimeoutMs?: number;
}

export type JsonRow = Record<string, unknown>;

/** How long a cancel waits for the server to stop the query before it lets the caller go on. */
const KILL_WAIT_MS = 10_000;
/** How soon a KILL is sent again while the query it was for has not been answered. */
const KILL_AGAIN_MS = 50;

/** Where a query's request is: sent and not answered, answer streaming, or over. */
interface QueryProgress {
  stage: 'asking' | 'answering' | 'ended';
  /** Settles when the stage becomes 'ended'. */
  ended: Promise<void>;
}

export class SourceConnection {
  private readonly client: ClickHouseClient;
  private readonly where: Where;
  /** Cancels still stopping their query: closing waits for them (see `close`). */
  private readonly kills = new Set<Promise<void>>();

  constructor(
    readonly source: SourceInfo,
    options: SourceConnectionOptions = {},
  ) {
    const login = loginOf(source, options.env);
    this.where = {
      source: source.name,
      url: source.url,
      table: `${source.database}.${source.table}`,
      credentials: passwordSourceOf(source, options.env),
    };
    // The official client is loaded with the first connection: a command that never asks a source
    // (an import, whose RSS bound counts the CLI's thread) does not carry it.
    const { ClickHouseLogLevel, createClient } =
      require('@clickhouse/client') as typeof import('@clickhouse/client');
    this.client = createClient({
      url: source.url,
      username: login.username,
      password: login.password,
      database: source.database,
      request_timeout: options.timeoutMs ?? 300_000,
      // An https:// server's handshake gets its own bound (tls-handshake.ts).
      ...(/^https:/i.test(source.url) && { http_agent: boundedHandshakeAgent(options.handshakeTimeoutMs) }),
      // The client would print each failure with its stack; Vigil says what failed itself.
      log: { level: ClickHouseLogLevel.OFF },
      // The engine finishes the query before it answers, so a failure is an HTTP error rather than
      // a line after rows already sent (still checked for: see `rows`).
      clickhouse_settings: { wait_end_of_query: 1, ...options.settings },
    });
  }

  /** Streams the rows of `sql` (JSONEachRow) to `onRows`, a block at a time. */
  rows(sql: string, onRows: (rows: JsonRow[]) => Promise<void> | void, signal?: AbortSignal): Promise<void> {
    return this.lines(
      sql,
      'JSONEachRow',
      (lines) => onRows(lines.map((line) => JSON.parse(line) as JsonRow)),
      signal,
    );
  }

  /**
   * Streams the lines of `sql`'s answer in a text format to `onLines`, a block at a time, as the
   * engine wrote them (a pull spools TabSeparated lines without decoding them: pull.ts).
   */
  async lines(
    sql: string,
    format: 'JSONEachRow' | 'TabSeparatedWithNames' | 'TabSeparatedWithNamesAndTypes',
    onLines: (lines: string[]) => Promise<void> | void,
    signal?: AbortSignal,
  ): Promise<void> {
    const queryId = randomUUID();
    // The request is given up only once the engine has stopped the query (see `stop`): the caller's
    // signal starts the stopping, this one ends the request.
    const request = new AbortController();
    let ended = () => {};
    const progress: QueryProgress = { stage: 'asking', ended: new Promise((resolve) => (ended = resolve)) };
    const stopOnAbort = () => void this.stop(queryId, progress, request);
    signal?.addEventListener('abort', stopOnAbort, { once: true });
    try {
      signal?.throwIfAborted();
      const result = await this.client.query({
        query: sql,
        format,
        query_id: queryId,
        abort_signal: request.signal,
      });
      progress.stage = 'answering';
      for await (const block of result.stream()) {
        const lines: string[] = [];
        for (const row of block) {
          // A server that fails after the first rows writes its error as a last line of text.
          if (ERROR_LINE.test(row.text)) throw new Error(row.text);
          lines.push(row.text);
        }
        await onLines(lines);
        signal?.throwIfAborted();
      }
    } catch (error) {
      if (signal?.aborted) throw Object.assign(new Error('Cancelled'), { name: 'AbortError' });
      throw describeSourceError(error, this.where);
    } finally {
      progress.stage = 'ended';
      ended();
      signal?.removeEventListener('abort', stopOnAbort);
    }
  }

  /** Every row of a small answer (an aggregate, a count). */
  async all<T extends JsonRow>(sql: string, signal?: AbortSignal): Promise<T[]> {
    const out: T[] = [];
    await this.rows(sql, (rows) => void out.push(...(rows as T[])), signal);
    return out;
  }

  /**
   * Stops a query on the server (cancel), then gives its request up. A KILL stops only a query the
   * engine lists as running, and one still being read or parsed is not listed yet: the KILL finds
   * nothing, the query starts, and with its client gone it runs on (ClickHouse 18.16 does not
   * notice a closed connection under `wait_end_of_query`). So while the query's request has had no
   * answer, the KILL is sent again until the engine answers it (killed, it fails), at most
   * KILL_WAIT_MS: a server that cannot be reached has stopped anyway, one that takes longer was told.
   */
  private stop(queryId: string, progress: QueryProgress, request: AbortController): Promise<void> {
    const sent = (async () => {
      const deadline = Date.now() + KILL_WAIT_MS;
      do {
        await this.client
          .command({
            query: `KILL QUERY WHERE query_id = ${sqlString(queryId)} SYNC`,
            abort_signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
          })
          // Nothing to do: the request is given up below either way.
          .catch(() => undefined);
        if (progress.stage !== 'asking') break;
        await Promise.race([progress.ended, delay(KILL_AGAIN_MS)]);
      } while (progress.stage === 'asking' && Date.now() < deadline);
      request.abort();
    })().finally(() => this.kills.delete(sent));
    this.kills.add(sent);
    return sent;
  }

  /**
   * Closes the connection once every KILL sent has been answered, so that a cancelled question
   * answers only once its queries have stopped: closing destroys the sockets, and a KILL dropped on
   * its way left the query running on the server for minutes (ClickHouse 18.16 does not stop a
   * query when the client of a `wait_end_of_query` request goes away).
   */
  async close(): Promise<void> {
    await Promise.all(this.kills);
    await this.client.close();
  }
}

/** Runs `use` with a connection to `source`, closed afterwards. */
export async function withSource<T>(
  source: SourceInfo,
  options: SourceConnectionOptions,
  use: (connection: SourceConnection) => Promise<T>,
): Promise<T> {
  const connection = new SourceConnection(source, options);
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}
