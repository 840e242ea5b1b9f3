// `vigil source add|list|test|remove`: remote tables (ClickHouse) to hunt in. The password is never
// an option: it is read from an environment variable or a profile file when Vigil connects.

import path from 'node:path';
import type { Command } from 'commander';
import { printJson, table, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';

interface AddOptions extends WorkspaceOptions {
  clickhouse: string;
  database: string;
  table: string;
  map: string;
  field?: string[];
  user: string;
  passwordEnv?: string;
  profile?: string;
  check: boolean;
}

/** `--field path=splitByChar('?', uri)[1]` pairs as the mapping's overrides. */
function fieldsOf(pairs: string[] | undefined): Record<string, string> | undefined {
  if (!pairs) return undefined;
  const fields: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--field "${pair}": write FIELD=COLUMN_OR_EXPRESSION, e.g. srcIp=client_ip`);
    fields[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return fields;
}

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

export function registerSource(program: Command): void {
  const source = program
    .command('source')
    .description(
      'Remote sources to hunt in (a ClickHouse table of web or flow logs), pulled with vigil pull --source',
    );

  withCommonOptions(
    source
      .command('add <name>')
      .description('Add a ClickHouse table as a source (network: it is checked first)')
      .requiredOption(
        '--clickhouse <url>',
        "the server's HTTP interface, e.g. http://127.0.0.1:8123 (https://: trust a private CA with env NODE_EXTRA_CA_CERTS=FILE)",
      )
      .requiredOption('--database <db>', 'database of the table')
      .requiredOption('--table <table>', 'table of sessions or requests')
      .option('--map <preset>', 'mapping preset: vigil (columns named as Vigil fields) or combined', 'vigil')
      .option('--field <field=expr...>', "a field's column or SQL expression, over the preset's")
      .option('--user <name>', 'user name', 'default')
      .option(
        '--password-env <VAR>',
        'environment variable holding the password (default VIGIL_CLICKHOUSE_PASSWORD)',
      )
      .option('--profile <file>', 'profile file with {"user", "password"} (JSON) instead of the environment')
      .option('--no-check', 'add it without connecting'),
  ).action((name: string, options: AddOptions) =>
    withWorkspace(options, async ({ call }) => {
      const added = await call(
        'addSource',
        {
          name,
          clickhouse: options.clickhouse,
          database: options.database,
          table: options.table,
          map: options.map,
          fields: fieldsOf(options.field),
          user: options.user,
          passwordEnv: options.passwordEnv,
          // Kept as an absolute path: a later command, or the app, runs from another folder.
          profileFile: options.profile === undefined ? undefined : path.resolve(options.profile),
          noCheck: !options.check,
        },
        {
          name: '<name>',
          clickhouse: '--clickhouse',
          profileFile: '--profile',
          fields: '--field',
          noCheck: '--no-check',
        },
      );
      if (options.json) return printJson(added);
      say(
        `Added source ${added.name}: ${added.url} ${added.database}.${added.table} (mapping ${added.preset}).`,
      );
    }),
  );

  withCommonOptions(source.command('list').description('List the sources')).action(
    (options: WorkspaceOptions) =>
      withWorkspace(options, async ({ call }) => {
        const sources = await call('listSources', {});
        if (options.json) return printJson(sources);
        if (sources.length === 0)
          return say('No sources. Add one with: vigil source add NAME --clickhouse URL …');
        say(
          table([
            ['name', 'url', 'table', 'mapping', 'password from', 'last pulled row'],
            ...sources.map((s) => [
              s.name,
              s.url,
              `${s.database}.${s.table}`,
              s.preset ?? 'custom',
              s.profileFile ? `file ${s.profileFile}` : `$${s.passwordEnv ?? 'VIGIL_CLICKHOUSE_PASSWORD'}`,
              iso(s.lastPulledTs),
            ]),
          ]),
        );
      }),
  );

  withCommonOptions(
    source
      .command('test <name>')
      .description('Connect, check the table and mapping, count its rows (network)'),
  ).action((name: string, options: WorkspaceOptions) =>
    withWorkspace(options, async ({ call }) => {
      const check = await call('testSource', { name }, { name: '<name>' });
      if (options.json) return printJson(check);
      say(
        table([
          ['source', check.name],
          ['server', `ClickHouse ${check.version}`],
          ['rows', check.rows.toLocaleString('en-US')],
          ['time span', `${iso(check.firstTs)} to ${iso(check.lastTs)}`],
          ['answered in', `${check.milliseconds} ms`],
        ]),
      );
    }),
  );

  withCommonOptions(
    source.command('remove <name>').description('Forget a source (sessions pulled from it stay)'),
  ).action((name: string, options: WorkspaceOptions) =>
    withWorkspace(options, async ({ call }) => {
      const { removed } = await call('removeSource', { name }, { name: '<name>' });
      if (options.json) return printJson({ removed });
      say(`Removed source ${removed}.`);
    }),
  );
}
