import { useId, useState } from 'react';
import type { CaseTag } from '../../../src-shared/cases.js';
import { api } from '../../api/index.js';
import { TagChip } from '../../components/TagChip.js';
import { useVigilQuery } from '../../data/vigil-query.js';

/**
 * A case's tags as chips in their colours, each with a remove button, and a field to add one
 * (suggesting the existing tags; a new name creates the tag).
 */
export function CaseTags({
  caseId,
  tags,
  onError,
}: {
  caseId: number;
  tags: CaseTag[];
  onError(message: string): void;
}) {
  const [text, setText] = useState('');
  // The answer to our own change, shown until the case is read again (`tags` changes).
  const [answer, setAnswer] = useState<{ from: CaseTag[]; tags: CaseTag[] } | null>(null);
  const shown = answer && answer.from === tags ? answer.tags : tags;
  const all = useVigilQuery('listTags', {});
  const listId = useId();
  const fail = (e: Error) => onError(e.message);
  const change = (name: string, on: boolean) =>
    api.tagCase({ caseId, tags: [name], on }).then((detail) => {
      setAnswer({ from: tags, tags: detail.case.tags });
      return detail;
    });
  const onCase = new Set(shown.map((t) => t.name.toLowerCase()));
  return (
    <fieldset className="case-tags" data-testid="case-tags">
      <legend className="muted">Tags</legend>
      <ul className="chips" aria-label="Tags on this case">
        {shown.map((t) => (
          <li key={t.name}>
            <TagChip name={t.name} colour={t.colour}>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove tag ${t.name}`}
                onClick={() => change(t.name, false).catch(fail)}
              >
                ×
              </button>
            </TagChip>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">none</li>}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const name = text.trim();
          if (name)
            change(name, true).then(
              () => setText(''),
              (x: Error) => onError(x.message),
            );
        }}
      >
        <label>
          Add tag{' '}
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            list={listId}
            maxLength={60}
            placeholder="e.g. evidence"
            data-testid="case-tag-input"
          />
        </label>
        <datalist id={listId}>
          {all.data
            ?.filter((t) => !onCase.has(t.name.toLowerCase()))
            .map((t) => (
              <option key={t.id} value={t.name} />
            ))}
        </datalist>{' '}
        <button type="submit" className="small">
          Add
        </button>
      </form>
    </fieldset>
  );
}
