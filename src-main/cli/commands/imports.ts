import path from 'node:path';
import type { Command } from 'commander';
import { printJson, table, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';
import { positiveInt } from './option-values.js';

export function registerImports(program: Command): void {
  withCommonOptions(
    program
      .command('imports')
      .description(
        'List imports with their counts and when each started (UTC), or show the quarantined rows of one import',
      )
      .option('--quarantine <importId>', 'show quarantined rows (line, reason, raw text) of this import')
      .option('--limit <n>', 'rows to show with --quarantine', '50'),
  ).action((options: WorkspaceOptions & { quarantine?: string; limit: string }) =>
    withWorkspace(options, async ({ call }) => {
      if (options.quarantine !== undefined) {
        const importId = positiveInt('--quarantine', options.quarantine);
        const page = await call('quarantinePage', {
          importId,
          offset: 0,
          limit: positiveInt('--limit', options.limit),
        }).catch((error: Error) => {
          throw new Error(`${error.message}. List them with: vigil imports`);
        });
        if (options.json) return printJson(page);
        say(
          table([
            ['line', 'reason', 'raw'],
            ...page.items.map((q) => [q.line, q.reason, q.raw.slice(0, 60)]),
          ]),
        );
        say(`${page.items.length} of ${page.total} quarantined rows`);
        return;
      }
      const imports = await call('listImports', {});
      if (options.json) return printJson(imports);
      if (imports.length === 0) return say('No imports yet. Try: vigil demo, or vigil ingest FILE');
      say(
        table([
          [
            'id',
            'file',
            'format',
            'status',
            'read',
            'stored',
            'quarantined',
            'duplicates',
            'started (UTC)',
            'labels',
            'origin',
          ],
          ...imports.map((i) => [
            i.id,
            i.fileName,
            i.format ?? '-',
            i.status,
            i.rowsRead,
            i.stored,
            i.quarantined,
            i.duplicates,
            // When it began, as the CLI's other times: a refused file has one too (when it was tried).
            new Date(i.startedAt).toISOString(),
            i.labelsFile === null ? '-' : path.basename(i.labelsFile),
            i.origin ?? '-',
          ]),
        ]),
      );
      // Why an import failed, was skipped or cancelled, as the Import view shows it under the file.
      for (const i of imports) if (i.message) say(`#${i.id} ${i.status}: ${i.message}`);
    }),
  );
}
