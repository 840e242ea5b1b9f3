// Runs a test body with some environment variables set or removed, restored afterwards.
import fs from 'node:fs';
import path from 'node:path';

export async function withEnv<T>(
  vars: Record<string, string | undefined>,
  body: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

/**
 * An environment where the default AWS chain finds nothing but what `files` holds: no keys in the
 * environment, config files in `dir`, and no instance metadata (as on an analyst's laptop; it also
 * keeps the test off the network).
 */
export function isolatedAwsEnv(dir: string, files: { credentials?: string; config?: string } = {}) {
  const credentials = path.join(dir, 'aws-credentials');
  const config = path.join(dir, 'aws-config');
  if (files.credentials !== undefined) fs.writeFileSync(credentials, files.credentials);
  if (files.config !== undefined) fs.writeFileSync(config, files.config);
  return {
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_DEFAULT_PROFILE: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    AWS_ROLE_ARN: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_CONFIG_FILE: config,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
