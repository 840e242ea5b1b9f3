import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { type Credentials, credentialsFor } from './credentials.js';
import { addForeignErrorReader } from './foreign-errors.js';
import { loadSdk } from './sdk.js';

export interface Connection {
  profile?: string;
  region: string;
  /** Emulators and VPC interface endpoints. */
  endpoint?: string;
  /** Explicit credentials (tests, callers with their own source); else the standard AWS chain. */
  credentials?: Credentials;
}

export async function createLogsClient(connection: Connection): Promise<CloudWatchLogsClient> {
  const { CloudWatchLogsClient } = await loadSdk();
  const client = new CloudWatchLogsClient({
    region: connection.region,
    endpoint: connection.endpoint,
    credentials: connection.credentials ?? credentialsFor(connection.profile),
    // Retries are ours (retry.ts): full-jitter backoff counted in one place, not the SDK's
    // attempts multiplied by ours.
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
  });
  addForeignErrorReader(client);
  return client;
}
