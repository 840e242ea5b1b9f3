// What a job in Recent jobs is called: the file it imports, the log group it pulls, or the source
// and filter it pulls (a ClickHouse pull was headed "CloudWatch Logs pull", having no log group).
import type { JobProgress } from '../../../src-shared/domain.js';
import { baseName } from '../../format.js';

export function jobName(job: JobProgress): string {
  if (job.kind !== 'pull') return baseName(job.file);
  if (job.sourcePull) {
    const { source, filter } = job.sourcePull;
    return `${source} (ClickHouse)${filter ? ` · ${filter}` : ''}`;
  }
  // A CloudWatch pull names its log group with its first progress.
  return job.pull?.logGroup ?? 'CloudWatch Logs pull';
}
