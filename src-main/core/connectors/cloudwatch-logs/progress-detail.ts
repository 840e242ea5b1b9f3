// A pull's progress as the structured detail jobs carry, and as one line of text for the job
// message and the CLI progress bar, so both say the same thing.
import type { PullDetail } from '../../../../src-shared/domain.js';
import { formatBytes } from '../../../../src-shared/format-bytes.js';
import type { PullProgress } from './tally.js';

export function pullDetailOf(progress: PullProgress): PullDetail {
  const { phase, logGroup, events, bytes, pages, rangeStart, rangeEnd, coveredFrom, coveredTo } = progress;
  return { phase, logGroup, events, bytes, pages, rangeStart, rangeEnd, coveredFrom, coveredTo };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** "fetching: 2,500 events in 3 pages (1.2 MB), covered 2024-05-01T10:00:00.000Z to …". */
export function describePullDetail(detail: PullDetail): string {
  const events = detail.events.toLocaleString('en-US');
  const pages = `${detail.pages} page${detail.pages === 1 ? '' : 's'}`;
  const covered =
    detail.coveredFrom === null || detail.coveredTo === null
      ? ''
      : `, covered ${iso(detail.coveredFrom)} to ${iso(detail.coveredTo)}`;
  return `${detail.phase}: ${events} events in ${pages} (${formatBytes(detail.bytes, { base: 'binary' })})${covered}`;
}
