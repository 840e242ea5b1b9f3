import type { Command } from 'commander';
import { must } from '../../../src-shared/must.js';
import { followJob } from '../follow-job.js';
import { printJson, withCommonOptions } from '../options.js';
import { say } from '../terminal-text.js';
import { type WorkspaceOptions, withWorkspace } from '../workspace.js';

export function registerDemo(program: Command): void {
  withCommonOptions(
    program
      .command('demo')
      .description('Load the embedded sample (public CloudWatch web-attack CSV, 282 sessions)'),
  ).action((options: WorkspaceOptions) =>
    withWorkspace(options, async ({ core, call }) => {
      const [jobId] = (await call('loadSample', {})).jobIds;
      const job = await followJob(core, must(jobId, 'the job loadSample started'), {
        label: 'sample',
        showProgress: !options.json,
      });
      if (job.importId === null) throw new Error(job.error ?? 'The sample could not be loaded.');
      const record = await call('getImport', { id: job.importId });
      if (options.json) return printJson(record);
      say(
        record.status === 'skipped'
          ? `The sample is already loaded in ${options.db}.`
          : `Loaded the sample into ${options.db}: ${record.stored} sessions stored, ${record.quarantined} quarantined.`,
      );
      say('Next: vigil stats, or vigil serve to open the UI.');
    }),
  );
}
