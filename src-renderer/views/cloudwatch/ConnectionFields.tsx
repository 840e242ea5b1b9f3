import { useState } from 'react';
import type { ConnectionForm } from './pull-form.js';
import { TextField } from './TextField.js';

interface ConnectionFieldsProps {
  value: ConnectionForm;
  onChange: (patch: Partial<ConnectionForm>) => void;
}

/** Where to connect. Credentials are not asked for: the AWS SDK reads them from the profile or the environment. */
export function ConnectionFields({ value, onChange }: ConnectionFieldsProps) {
  // Open at first when an endpoint is remembered; after that the analyst decides.
  const [advancedOpen] = useState(value.endpoint !== '');
  return (
    <fieldset className="field-group">
      <legend>Connection</legend>
      <div className="field-row">
        <TextField
          label="Profile"
          name="profile"
          value={value.profile}
          onValue={(profile) => onChange({ profile })}
          placeholder="default chain"
          aria-describedby="cw-profile-help"
          testId="cw-profile"
        />
        <TextField
          label="Region"
          name="region"
          value={value.region}
          onValue={(region) => onChange({ region })}
          placeholder="eu-west-1"
          required
          testId="cw-region"
        />
      </div>
      <p id="cw-profile-help" className="field-help">
        A profile of ~/.aws/config or ~/.aws/credentials (keys, SSO, assume-role). Empty: the environment
        (AWS_ACCESS_KEY_ID…), AWS_PROFILE or the default profile. Vigil never stores credentials.
      </p>
      <details className="advanced" open={advancedOpen}>
        <summary>Advanced</summary>
        <TextField
          label="Endpoint"
          name="endpoint"
          type="url"
          value={value.endpoint}
          onValue={(endpoint) => onChange({ endpoint })}
          placeholder="https://logs.eu-west-1.amazonaws.com"
          testId="cw-endpoint"
        />
        <p className="field-help">For a VPC interface endpoint or an emulator. Empty: AWS's own endpoint.</p>
      </details>
    </fieldset>
  );
}
