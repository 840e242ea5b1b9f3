// The `vigil source add …` line for the Import view's form. A page never adds a source itself: its
// URL is a host that would receive a password, and a page (which shows hostile log data) may not
// name one (src-shared/api.ts). The analyst runs the line; the source then appears here.

export interface SourceForm {
  name: string;
  url: string;
  database: string;
  table: string;
  preset: 'vigil' | 'combined';
  user: string;
  /** 'env': the password is in an environment variable; 'profile': in a JSON profile file. */
  credentials: 'env' | 'profile';
  passwordEnv: string;
  profileFile: string;
}

export const EMPTY_FORM: SourceForm = {
  name: '',
  url: 'http://127.0.0.1:8123',
  database: '',
  table: '',
  preset: 'vigil',
  user: 'default',
  credentials: 'env',
  passwordEnv: 'VIGIL_CLICKHOUSE_PASSWORD',
  profileFile: '',
};

/** Quotes a word for a POSIX shell when it needs it (a single-quoted word cannot hide a command). */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

export function sourceAddCommand(form: SourceForm): string {
  const words = [
    'vigil',
    'source',
    'add',
    form.name || 'NAME',
    '--clickhouse',
    form.url || 'URL',
    '--database',
    form.database || 'DB',
    '--table',
    form.table || 'TABLE',
  ];
  if (form.preset !== 'vigil') words.push('--map', form.preset);
  if (form.user && form.user !== 'default') words.push('--user', form.user);
  if (form.credentials === 'profile') words.push('--profile', form.profileFile || 'FILE');
  else if (form.passwordEnv && form.passwordEnv !== 'VIGIL_CLICKHOUSE_PASSWORD')
    words.push('--password-env', form.passwordEnv);
  return words.map(shellWord).join(' ');
}
