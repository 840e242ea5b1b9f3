import type { QueueItem } from '../../../src-shared/triage.js';
import { TagChip } from '../../components/TagChip.js';

/** Tags in their colours and IOC marks of one row; names are log-derived text, shown as text. */
export function TagChips({ item, colours }: { item: QueueItem; colours: ReadonlyMap<string, string> }) {
  return (
    <span className="chips">
      {item.tags.map((name) => (
        <TagChip key={`t-${name}`} name={name} colour={colours.get(name)} />
      ))}
      {item.ioc.map((m) => (
        <span
          key={`i-${m.list}`}
          className={`chip ioc-${m.kind}`}
          data-testid="ioc-chip"
          title={m.kind === 'known_bad' ? 'on a known-bad list' : 'on a known-good list'}
        >
          {m.kind === 'known_bad' ? '⚠' : '✓'} {m.list}
        </span>
      ))}
    </span>
  );
}
