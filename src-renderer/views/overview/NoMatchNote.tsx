// Said once above the charts when the filter leaves no session. Each chart alone says only "No
// sessions match." (and a histogram, before, "No values recorded.", which blames the logs): the
// analyst reads here which filter and which range gave nothing, so a typo in a term shows.
import { formatTimestamp } from '../../format.js';
import { type TimeRange, useGlobalFilter } from '../../state/filter.js';

/** "over all time", "from … to … UTC", "from … UTC on", "up to … UTC". */
export function rangeWords(range: TimeRange): string {
  const { from, to } = range;
  if (from !== undefined && to !== undefined)
    return `from ${formatTimestamp(from)} to ${formatTimestamp(to)} UTC`;
  if (from !== undefined) return `from ${formatTimestamp(from)} UTC on`;
  if (to !== undefined) return `up to ${formatTimestamp(to)} UTC`;
  return 'over all time';
}

export function NoMatchNote() {
  const { text, range } = useGlobalFilter();
  const terms = text.trim();
  return (
    <p className="no-match" role="status" data-testid="overview-no-match">
      No sessions match {terms && <code>{terms}</code>}
      {terms && ' '}
      {rangeWords(range)}.
    </p>
  );
}
