import type { Command } from 'commander';
import { openDatabase } from '../../core/db/open.js';
import { runImport } from '../../core/ingest/pipeline.js';
import { sampleFile } from '../../core/paths.js';
import { type CommonOptions, printJson, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';

export function registerDemo(program: Command): void {
  withCommonOptions(
    program
      .command('demo')
      .description('Load the embedded sample (public CloudWatch web-attack CSV, 282 sessions)'),
  ).action(async (options: CommonOptions) => {
    const db = openDatabase(options.db);
    try {
      const record = await runImport(db, { file: sampleFile(), format: 'cloudwatch-csv' });
      if (options.json) return printJson(record);
      say(
        record.status === 'skipped'
          ? `The sample is already loaded in ${options.db}.`
          : `Loaded the sample into ${options.db}: ${record.stored} sessions stored, ${record.quarantined} quarantined.`,
      );
      say('Next: vigil stats, or vigil serve to open the UI.');
    } finally {
      db.close();
    }
  });
}
