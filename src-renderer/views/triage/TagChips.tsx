import type { QueueItem } from '../../../src-shared/triage.js';

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Tags in their colours and IOC marks of one row; names are log-derived text, shown as text. */
export function TagChips({ item, colours }: { item: QueueItem; colours: ReadonlyMap<string, string> }) {
  return (
    <span className="chips">
      {item.tags.map((name) => {
        const colour = colours.get(name);
        return (
          <span
            key={`t-${name}`}
            className="chip"
            data-testid="tag-chip"
            style={
              colour && HEX.test(colour) ? { borderColor: colour, background: `${colour}33` } : undefined
            }
          >
            {name}
          </span>
        );
      })}
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
