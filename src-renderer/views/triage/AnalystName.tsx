// Who signs verdicts, notes and cases, and a way to change it from the page (serve mode otherwise
// signs as the OS user that started the server, often "root").
import { useState } from 'react';
import { api } from '../../api/index.js';
import { useVigilQuery } from '../../data/vigil-query.js';

export function AnalystName({ onError }: { onError(message: string): void }) {
  const analyst = useVigilQuery('getAnalyst', {});
  const [draft, setDraft] = useState<string | null>(null);
  const name = analyst.data?.name ?? '…';
  const save = async (next: string) => {
    try {
      const saved = await api.setAnalyst({ name: next });
      // The core says who now signs: a name given on the command line (--analyst) still wins.
      if (saved.name !== next) onError(`This server signs as ${saved.name} (set when it was started).`);
      await analyst.refetch();
      setDraft(null);
    } catch (error) {
      onError((error as Error).message);
    }
  };
  if (draft === null)
    return (
      <span className="analyst-name" data-testid="analyst-name">
        Signed as <strong>{name}</strong>{' '}
        <button type="button" className="link" data-testid="analyst-change" onClick={() => setDraft(name)}>
          change
        </button>
      </span>
    );
  return (
    <form
      className="analyst-name"
      onSubmit={(event) => {
        event.preventDefault();
        if (draft.trim()) void save(draft.trim());
      }}
    >
      <label>
        Sign as{' '}
        <input
          value={draft}
          maxLength={100}
          data-testid="analyst-input"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => event.key === 'Escape' && setDraft(null)}
        />
      </label>{' '}
      <button type="submit" className="small" data-testid="analyst-save">
        Save
      </button>
    </form>
  );
}
