// Where a source's password comes from: never Vigil's database. An environment variable (named by
// the source, default VIGIL_CLICKHOUSE_PASSWORD) or a profile file the analyst points at, read on
// each connection, so rotating the password needs no change to Vigil.
import fs from 'node:fs';
import type { SourceInfo } from '../../../../src-shared/sources.js';

export const DEFAULT_PASSWORD_ENV = 'VIGIL_CLICKHOUSE_PASSWORD';

export interface Login {
  username: string;
  password: string;
}

/** The profile file: JSON `{ "user": "...", "password": "..." }` (user optional). */
function readProfile(file: string): Partial<{ user: string; password: string }> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the profile file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`The profile file ${file} is not JSON: write {"user": "...", "password": "..."}.`);
  }
  if (value === null || typeof value !== 'object')
    throw new Error(`The profile file ${file} must hold a JSON object with "password".`);
  const { user, password } = value as Record<string, unknown>;
  return {
    ...(typeof user === 'string' ? { user } : {}),
    ...(typeof password === 'string' ? { password } : {}),
  };
}

export function loginOf(
  source: Pick<SourceInfo, 'user' | 'passwordEnv' | 'profileFile'>,
  env: NodeJS.ProcessEnv = process.env,
): Login {
  if (source.profileFile) {
    const profile = readProfile(source.profileFile);
    return { username: profile.user ?? source.user, password: profile.password ?? '' };
  }
  return { username: source.user, password: env[source.passwordEnv ?? DEFAULT_PASSWORD_ENV] ?? '' };
}

/** Where `loginOf` reads the password, as an error message names it. */
export function passwordSourceOf(
  source: Pick<SourceInfo, 'passwordEnv' | 'profileFile'>,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (source.profileFile) return `the profile file ${source.profileFile}`;
  const name = source.passwordEnv ?? DEFAULT_PASSWORD_ENV;
  return env[name] === undefined ? `$${name}, which is not set here` : `$${name}`;
}
