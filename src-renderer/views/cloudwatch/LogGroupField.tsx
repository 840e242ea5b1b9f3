import { useState } from 'react';
import type { LogGroupInfo } from '../../../src-shared/cloudwatch.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { LogGroupPicker } from './LogGroupPicker.js';
import type { FieldName } from './pull-form.js';
import { TextField } from './TextField.js';

interface LogGroupFieldProps {
  name: string;
  /** null until listed (or after a failed listing). */
  groups: LogGroupInfo[] | null;
  listing: boolean;
  error: string | null;
  onList: (prefix: string) => void;
  onName: (name: string) => void;
  errors: Partial<Record<FieldName, string>>;
}

/**
 * The log group to pull: picked from the listed groups, or typed (credentials that may read a group
 * are not always allowed to list them: logs:DescribeLogGroups is a separate permission).
 */
export function LogGroupField({ name, groups, listing, error, onList, onName, errors }: LogGroupFieldProps) {
  const [prefix, setPrefix] = useState('');
  return (
    <fieldset className="field-group">
      <legend>Log group</legend>
      <div className="field-row align-end">
        <TextField
          label="Name prefix"
          value={prefix}
          onValue={setPrefix}
          placeholder="all groups"
          // Enter lists here; it must not start the pull.
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            onList(prefix);
          }}
          testId="cw-prefix"
          error={errors.prefix}
        />
        <button type="button" onClick={() => onList(prefix)} disabled={listing} data-testid="cw-list">
          {listing ? 'Listing…' : 'List log groups'}
        </button>
      </div>
      <div aria-live="polite" aria-busy={listing}>
        <ErrorNote message={error} />
        {groups && <LogGroupPicker groups={groups} selected={name} onSelect={onName} />}
      </div>
      <TextField
        label="Log group name"
        name="logGroup"
        value={name}
        onValue={onName}
        placeholder="/aws/vpc/flow-logs"
        required
        testId="cw-log-group"
        error={errors.logGroup}
      />
    </fieldset>
  );
}
