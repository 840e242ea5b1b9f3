import path from 'node:path';
import type { Command } from 'commander';
import { readTextFile } from '../file-errors.js';
import { printJson, table, withCommonOptions } from '../options.js';
import { say, warn } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';

export function registerIoc(program: Command): void {
  const ioc = program
    .command('ioc')
    .description(
      'IOC lists: known-bad / known-good IPs and CIDR blocks, matched against every stored session and future imports',
    );

  withCommonOptions(
    ioc
      .command('add <file>')
      .description(
        'Import a list: one IP or CIDR per line (# comments), or CSV (the first address cell of each row). An IPv4 entry or block also marks its IPv4-mapped form (::ffff:198.51.100.9); an IPv6 one, every spelling',
      )
      .requiredOption('--name <name>', 'list name (unique)')
      .requiredOption('--kind <kind>', 'known_bad or known_good'),
    { signs: true },
  ).action((file: string, options: WorkspaceOptions & { name: string; kind: string }) =>
    withWorkspace(options, async ({ call }) => {
      const text = readTextFile(file, 'IOC list');
      const result = await call(
        'importIocList',
        { name: options.name, kind: options.kind, text, source: path.resolve(file) },
        { text: '<file>', source: '<file>' },
      );
      if (options.json) return printJson(result);
      say(
        `IOC list "${result.list.name}" (${result.list.kind}): ${result.list.entries} entries, ${result.list.matchedIps} stored IP(s) match.`,
      );
      for (const bad of result.bad) warn(`line ${bad.line}: ${bad.reason}: ${bad.text}`);
      if (result.bad.length) warn(`${result.bad.length} line(s) skipped.`);
    }),
  );

  withCommonOptions(
    ioc.command('list').description('The lists, their entries and how many stored IPs each marks'),
  ).action((options: WorkspaceOptions) =>
    withWorkspace(options, async ({ call }) => {
      const lists = await call('listIocLists', {});
      if (options.json) return printJson(lists);
      if (lists.length === 0)
        return say('No IOC list yet. Try: vigil ioc add FILE --name N --kind known_bad');
      say(
        table([
          ['id', 'name', 'kind', 'entries', 'matched IPs'],
          ...lists.map((l) => [l.id, l.name, l.kind, l.entries, l.matchedIps]),
        ]),
      );
    }),
  );

  withCommonOptions(
    ioc
      .command('remove <name>')
      .description('Remove a list (by name or id); the sessions it marked are unmarked'),
    { signs: true },
  ).action((name: string, options: WorkspaceOptions) =>
    withWorkspace(options, async ({ call }) => {
      const result = await call('removeIocList', { name }, { name: '<name>' });
      return options.json ? printJson(result) : say(`Removed IOC list "${result.removed}".`);
    }),
  );
}
