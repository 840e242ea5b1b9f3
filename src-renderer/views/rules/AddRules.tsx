// "Add your own rules": the analyst chooses rule files or a folder, names the set, and the page
// sends the files' text (addRuleFiles); the main side copies them into the workspace's rules folder
// and loads them as `vigil rules add DIR` does. The page never names a path on the machine.
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import { countOf } from '../../../src-shared/count-words.js';
import { ruleSetFolderName } from '../../../src-shared/rule-upload.js';
import type { RuleFolderLoad, RuleSetInfo } from '../../../src-shared/rules.js';
import { api } from '../../api/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { formatCount } from '../../format.js';
import { type ChosenRuleFiles, chooseRuleFiles, readRuleFiles } from './chosen-rule-files.js';
import { RuleRefusals } from './RuleRefusals.js';

/** The set an upload of `name` replaces: one of this workspace's uploaded sets (`….rules/<name>`). */
function replacedSet(sets: readonly RuleSetInfo[], name: string): RuleSetInfo | undefined {
  const tail = `.rules/${ruleSetFolderName(name)}`;
  return sets.find((set) => set.kind === 'folder' && set.source.replace(/\\/g, '/').endsWith(tail));
}

export function AddRules({ sets }: { sets: readonly RuleSetInfo[] }) {
  const filesInput = useRef<HTMLInputElement | null>(null);
  const folderInput = useRef<HTMLInputElement | null>(null);
  const [chosen, setChosen] = useState<ChosenRuleFiles | null>(null);
  const [name, setName] = useState('');
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<RuleFolderLoad | null>(null);

  const onChosen = (files: File[]) => {
    setError(null);
    setResult(null);
    const choice = chooseRuleFiles(files);
    setChosen(choice);
    setName(choice.defaultName);
  };
  const chosenIn = (event: ChangeEvent<HTMLInputElement>) => {
    onChosen([...(event.target.files ?? [])]);
    // The same files chosen again (after editing them) must fire a change again.
    event.target.value = '';
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || chosen.problem) return;
    setError(null);
    setAdding(true);
    readRuleFiles(chosen.send)
      .then((files) => api.addRuleFiles({ name: name.trim() || chosen.defaultName, files }))
      .then((load) => {
        setResult(load);
        setChosen(null);
      })
      .catch((e: Error) => setError(e.message))
      .finally(() => setAdding(false));
  };
  const replaces = chosen ? replacedSet(sets, name.trim() || chosen.defaultName) : undefined;

  return (
    <section className="panel rules-add" aria-labelledby="rules-add-title" data-testid="rules-add">
      <h2 id="rules-add-title">Add your own rules</h2>
      <p className="muted" data-testid="rules-add-hint">
        Choose Sigma rule files (.yml, .yaml) or a folder of them. Vigil copies them into the workspace's own
        rules folder, beside its database and named after it (<code>vigil.rules/</code> for{' '}
        <code>vigil.db</code>), and loads them as a set; adding a set of the same name again replaces its
        rules. From a terminal, <code>node bin/vigil.js rules add DIR</code> loads a folder where it is.
      </p>
      <div className="rules-add-choose">
        <button type="button" onClick={() => filesInput.current?.click()} data-testid="rules-add-files">
          Add rule files…
        </button>
        <button type="button" onClick={() => folderInput.current?.click()} data-testid="rules-add-folder">
          Add a folder…
        </button>
        <input
          ref={filesInput}
          type="file"
          multiple
          accept=".yml,.yaml"
          hidden
          data-testid="rules-files-input"
          onChange={chosenIn}
        />
        <input
          ref={(input) => {
            folderInput.current = input;
            // A folder choice: every file under it, with its path inside (webkitRelativePath).
            if (input) input.webkitdirectory = true;
          }}
          type="file"
          hidden
          data-testid="rules-folder-input"
          onChange={chosenIn}
        />
      </div>
      {chosen && (
        <form className="rules-add-chosen" onSubmit={add} data-testid="rules-chosen">
          <p data-testid="rules-chosen-summary">
            {countOf(chosen.send.length, 'rule file')}
            {chosen.folder ? ` from the folder “${chosen.folder}”` : ''}
            {chosen.skipped.length > 0 ? `; ${countOf(chosen.skipped.length, 'file')} left out` : ''}.
          </p>
          {chosen.skipped.length > 0 && (
            <details className="rules-skipped" data-testid="rules-skipped">
              <summary>Left out</summary>
              <ul>
                {chosen.skipped.map((s) => (
                  <li key={s.relativePath}>
                    <code>{s.relativePath}</code> {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <ErrorNote message={chosen.problem} />
          {!chosen.problem && (
            <div className="rules-add-name">
              <label>
                Set name{' '}
                <input
                  value={name}
                  maxLength={100}
                  onChange={(event) => setName(event.target.value)}
                  data-testid="rules-set-name"
                />
              </label>
              <button type="submit" className="primary" disabled={adding} data-testid="rules-add-submit">
                {adding ? 'Adding…' : 'Add as a rule set'}
              </button>
              <button type="button" onClick={() => setChosen(null)} disabled={adding}>
                Cancel
              </button>
              {replaces && (
                <span className="muted" data-testid="rules-add-replaces">
                  Replaces the rules of {replaces.source}.
                </span>
              )}
            </div>
          )}
        </form>
      )}
      <ErrorNote message={error} />
      {result && <AddResult result={result} sets={sets} />}
    </section>
  );
}

/** What the load did, as `vigil rules add` says it, then what is left to do. */
function AddResult({ result, sets }: { result: RuleFolderLoad; sets: readonly RuleSetInfo[] }) {
  // The set as listed now: once a run brought its hits up to date, there is nothing left to do.
  const stale = sets.find((set) => set.id === result.set.id)?.stale ?? result.set.stale;
  return (
    <div className="rules-add-result" role="status" data-testid="rules-add-result">
      <p data-testid="rules-add-loaded">
        <strong>{result.set.source}</strong>: {countOf(result.loaded, 'rule')} loaded from{' '}
        {countOf(result.set.files, 'file')}, {formatCount(result.refused.length)} refused.
      </p>
      <RuleRefusals refused={result.refused} open />
      {stale && result.loaded > 0 && (
        <p className="muted" data-testid="rules-add-next">
          They run on every import from now on; “Run rules over all sessions” above finds their hits in the
          sessions already stored.
        </p>
      )}
    </div>
  );
}
