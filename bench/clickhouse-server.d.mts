// Types of clickhouse-server.mjs, for the tests that start one.
import type { ChildProcess } from 'node:child_process';

export declare const CLICKHOUSE_BINARY: string;

export interface ClickHouseServer {
  url: string;
  dir: string;
  /** This server's own password (random per start). */
  password: string;
  process: ChildProcess;
  /** Runs SQL over HTTP as the default user; rejects with the server's text on failure. */
  sql(query: string): Promise<string>;
  /** Kills the server at once (SIGKILL): a server dying under a query. */
  kill(): void;
  /** Stops it (SIGTERM, then SIGKILL) and removes its folder. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** [http, tcp] port pairs to try before free ones are chosen (a test gives a taken one). */
  ports?: Array<[number, number]>;
}

export declare function startClickHouse(options?: StartOptions): Promise<ClickHouseServer>;
