import type { Command } from 'commander';
import { getImport, listImports } from '../../core/db/imports.js';
import { openDatabase } from '../../core/db/open.js';
import { quarantinePage } from '../../core/db/quarantine.js';
import { type CommonOptions, printJson, table, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { positiveInt } from './with-db.js';

export function registerImports(program: Command): void {
  withCommonOptions(
    program
      .command('imports')
      .description('List imports with their counts, or show the quarantined rows of one import')
      .option('--quarantine <importId>', 'show quarantined rows (line, reason, raw text) of this import')
      .option('--limit <n>', 'rows to show with --quarantine', '50'),
  ).action((options: CommonOptions & { quarantine?: string; limit: string }) => {
    const db = openDatabase(options.db);
    try {
      if (options.quarantine !== undefined) {
        const importId = positiveInt('--quarantine', options.quarantine);
        if (!getImport(db, importId))
          throw new Error(`No import with id ${importId}. List them with: vigil imports`);
        const page = quarantinePage(db, importId, 0, positiveInt('--limit', options.limit));
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
      const imports = listImports(db);
      if (options.json) return printJson(imports);
      if (imports.length === 0) return say('No imports yet. Try: vigil demo, or vigil ingest FILE');
      say(
        table([
          ['id', 'file', 'format', 'status', 'read', 'stored', 'quarantined', 'duplicates'],
          ...imports.map((i) => [
            i.id,
            i.fileName,
            i.format,
            i.status,
            i.rowsRead,
            i.stored,
            i.quarantined,
            i.duplicates,
          ]),
        ]),
      );
    } finally {
      db.close();
    }
  });
}
