import type { Tag } from '../../../src-shared/triage.js';
import { api } from '../../api/index.js';

/** Every tag with its colour; picking a colour recolours the tag everywhere. */
export function TagLegend({ tags, onError }: { tags: readonly Tag[]; onError(message: string): void }) {
  if (!tags.length) return null;
  return (
    <div className="tag-legend" data-testid="tag-legend">
      <span className="muted">Tags</span>
      {tags.map((tag) => (
        <label key={tag.id} className="chip" style={{ borderColor: tag.colour }}>
          <input
            type="color"
            value={tag.colour}
            aria-label={`Colour of ${tag.name}`}
            onChange={(e) =>
              api.saveTag({ name: tag.name, colour: e.target.value }).catch((x: Error) => onError(x.message))
            }
          />
          {tag.name} <span className="muted">{tag.sessions}</span>
        </label>
      ))}
    </div>
  );
}
