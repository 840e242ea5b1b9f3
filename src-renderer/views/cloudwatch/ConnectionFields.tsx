import type { ConnectionForm, FieldName } from './pull-form.js';
import { TextField } from './TextField.js';

interface ConnectionFieldsProps {
  value: ConnectionForm;
  onChange: (patch: Partial<ConnectionForm>) => void;
  /** The custom endpoint set outside the page, or null for AWS's own (then no field is shown). */
  endpoint: string | null;
  errors: Partial<Record<FieldName, string>>;
}

/** Where to connect. Credentials are not asked for: the AWS SDK reads them from the profile or the environment. */
export function ConnectionFields({ value, onChange, endpoint, errors }: ConnectionFieldsProps) {
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
          error={errors.profile}
        />
        <TextField
          label="Region"
          name="region"
          value={value.region}
          onValue={(region) => onChange({ region })}
          placeholder="eu-west-1"
          required
          testId="cw-region"
          error={errors.region}
        />
      </div>
      <p id="cw-profile-help" className="field-help">
        A profile of ~/.aws/config or ~/.aws/credentials (keys, SSO, assume-role). Empty: the environment
        (AWS_ACCESS_KEY_ID…), AWS_PROFILE or the default profile. Vigil never stores credentials.
      </p>
      {endpoint !== null && (
        <>
          {/* Read-only: a page that chose the endpoint could send the credentials to any host. */}
          <TextField
            label="Endpoint"
            name="endpoint"
            value={endpoint}
            onValue={() => {}}
            readOnly
            aria-describedby="cw-endpoint-help"
            testId="cw-endpoint"
          />
          <p id="cw-endpoint-help" className="field-help">
            Set outside this page (<code>vigil serve --cloudwatch-endpoint</code>, or cloudWatchEndpoint in
            the desktop app's settings.json). Without it Vigil uses AWS's own endpoint of the region.
          </p>
        </>
      )}
    </fieldset>
  );
}
