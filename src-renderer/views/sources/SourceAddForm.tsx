// Adding a ClickHouse source from the Import view: the form composes the `vigil source add` line to
// run (see source-command.ts for why a page does not add it itself). The password is never typed
// here: it stays in an environment variable or a profile file the analyst keeps.
import { useState } from 'react';
import { copyText } from '../../clipboard.js';
import { SelectField } from '../models/SelectField.js';
import { EMPTY_FORM, type SourceForm, sourceAddCommand } from './source-command.js';

const PRESETS = [
  { id: 'vigil', label: "vigil — columns named as Vigil's fields" },
  { id: 'combined', label: 'combined — nginx/Apache access-log columns' },
] as const;
const CREDENTIALS = [
  { id: 'env', label: 'an environment variable' },
  { id: 'profile', label: 'a profile file (JSON)' },
] as const;

function Field({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        spellCheck={false}
        data-testid={testId}
      />
    </label>
  );
}

export function SourceAddForm() {
  const [form, setForm] = useState<SourceForm>(EMPTY_FORM);
  const [copied, setCopied] = useState<boolean | null>(null);
  const patch = (change: Partial<SourceForm>) => {
    setForm((current) => ({ ...current, ...change }));
    setCopied(null);
  };
  const command = sourceAddCommand(form);
  return (
    <details className="source-add">
      <summary data-testid="source-add-open">Add a ClickHouse source…</summary>
      <div className="field-row">
        <Field label="Name" value={form.name} onChange={(name) => patch({ name })} testId="source-name" />
        <Field
          label="URL (HTTP interface)"
          value={form.url}
          onChange={(url) => patch({ url })}
          testId="source-url"
        />
        <Field
          label="Database"
          value={form.database}
          onChange={(database) => patch({ database })}
          testId="source-db"
        />
        <Field
          label="Table"
          value={form.table}
          onChange={(table) => patch({ table })}
          testId="source-table"
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
        <Field label="User" value={form.user} onChange={(user) => patch({ user })} testId="source-user" />
        <SelectField
          label="Password read from"
          value={form.credentials}
          choices={CREDENTIALS}
          onChange={(credentials) => patch({ credentials })}
          testId="source-credentials"
        />
        {form.credentials === 'env' ? (
          <Field
            label="Variable name"
            value={form.passwordEnv}
            onChange={(passwordEnv) => patch({ passwordEnv })}
            testId="source-env"
          />
        ) : (
          <Field
            label="Profile file path"
            value={form.profileFile}
            onChange={(profileFile) => patch({ profileFile })}
            testId="source-profile"
          />
        )}
      </div>
      <p className="muted">
        Run this where Vigil runs (it connects, checks the table and the mapping, then lists the source here).
        Vigil never stores the password; a page cannot add a source, since the server it names would receive
        one.
      </p>
      <p className="source-command">
        <code data-testid="source-command">{command}</code>
        <button type="button" className="small" onClick={async () => setCopied(await copyText(command))}>
          Copy
        </button>
        {copied !== null && (
          <span className="muted">{copied ? 'Copied.' : 'Could not copy: select the line.'}</span>
        )}
      </p>
    </details>
  );
}
