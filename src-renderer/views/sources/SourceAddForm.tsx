// Adding a ClickHouse source from the Import view: the form composes the `vigil source add` line to
// run (see source-command.ts for why a page does not add it itself). The password is never typed
// here: it stays in an environment variable or a profile file the analyst keeps.
import '../../styles/dialog.css';
import { useState } from 'react';
import { copyText } from '../../clipboard.js';
import { TextField } from '../cloudwatch/TextField.js';
import { SelectField } from '../models/SelectField.js';
import { EMPTY_FORM, type SourceForm, sourceAddCommand } from './source-command.js';
import { sourceFormProblems } from './source-form-problems.js';

const PRESETS = [
  { id: 'vigil', label: "vigil — columns named as Vigil's fields" },
  { id: 'combined', label: 'combined — nginx/Apache access-log columns' },
] as const;
const CREDENTIALS = [
  { id: 'env', label: 'an environment variable' },
  { id: 'profile', label: 'a profile file (JSON)' },
] as const;

/** `existing`: the names of the sources there are, which a new one may not take. */
export function SourceAddForm({ existing }: { existing: readonly string[] }) {
  const [form, setForm] = useState<SourceForm>(EMPTY_FORM);
  const [copied, setCopied] = useState<boolean | null>(null);
  const patch = (change: Partial<SourceForm>) => {
    setForm((current) => ({ ...current, ...change }));
    setCopied(null);
  };
  const command = sourceAddCommand(form);
  const problems = sourceFormProblems(form, existing);
  const toFix = Object.keys(problems).length;
  return (
    <details className="source-add">
      <summary data-testid="source-add-open">Add a ClickHouse source…</summary>
      <div className="field-row">
        <TextField
          label="Name"
          value={form.name}
          onValue={(name) => patch({ name })}
          testId="source-name"
          error={problems.name}
        />
        <TextField
          label="URL (HTTP interface)"
          value={form.url}
          onValue={(url) => patch({ url })}
          testId="source-url"
          error={problems.url}
        />
        <TextField
          label="Database"
          value={form.database}
          onValue={(database) => patch({ database })}
          testId="source-db"
          error={problems.database}
        />
        <TextField
          label="Table"
          value={form.table}
          onValue={(table) => patch({ table })}
          testId="source-table"
          error={problems.table}
        />
      </div>
      <div className="field-row">
        <SelectField
          label="Mapping preset"
          value={form.preset}
          choices={PRESETS}
          onChange={(preset) => patch({ preset })}
          testId="source-preset"
        />
        <TextField
          label="User"
          value={form.user}
          onValue={(user) => patch({ user })}
          testId="source-user"
          error={problems.user}
        />
        <SelectField
          label="Password read from"
          value={form.credentials}
          choices={CREDENTIALS}
          onChange={(credentials) => patch({ credentials })}
          testId="source-credentials"
        />
        {form.credentials === 'env' ? (
          <TextField
            label="Variable name"
            value={form.passwordEnv}
            onValue={(passwordEnv) => patch({ passwordEnv })}
            testId="source-env"
            error={problems.passwordEnv}
          />
        ) : (
          <TextField
            label="Profile file path"
            value={form.profileFile}
            onValue={(profileFile) => patch({ profileFile })}
            testId="source-profile"
          />
        )}
      </div>
      <p className="muted">
        Run this where Vigil runs (it connects, checks the table and the mapping, then lists the source here).
        Vigil never stores the password; a page cannot add a source, since the server it names would receive
        one.
      </p>
      {/^https:/i.test(form.url) && (
        <p className="muted" data-testid="source-https-hint">
          An https:// address is checked against the certificate authorities this computer trusts. For a
          private or self-signed one, run the line (and start Vigil) with{' '}
          <code>NODE_EXTRA_CA_CERTS=/path/ca.pem</code>.
        </p>
      )}
      {toFix > 0 && (
        <p className="field-error" data-testid="source-form-problems">
          {toFix === 1 ? '1 field to fix' : `${toFix} fields to fix`}, marked above: vigil source add would
          refuse this line.
        </p>
      )}
      <p className="source-command">
        <code data-testid="source-command">{command}</code>
        <button
          type="button"
          className="small"
          disabled={toFix > 0}
          onClick={async () => setCopied(await copyText(command))}
        >
          Copy
        </button>
        {copied !== null && (
          <span className="muted">{copied ? 'Copied.' : 'Could not copy: select the line.'}</span>
        )}
      </p>
    </details>
  );
}
