// Where the connector's credentials come from. Vigil never stores them: the AWS SDK reads them
// from the standard places each time (environment, ~/.aws files, SSO cache, instance role).
import type { CloudWatchLogsClientConfig } from '@aws-sdk/client-cloudwatch-logs';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';

export type Credentials = NonNullable<CloudWatchLogsClientConfig['credentials']>;

export function credentialsFor(profile: string | undefined): Credentials {
  // A named profile is read from the config files alone (keys, SSO, assume-role, credential
  // process): falling through to other sources would turn a typo into a slow, vague failure.
  if (profile) return fromIni({ profile });
  // Environment, then AWS_PROFILE or the default profile, SSO, web identity, container/instance role.
  return fromNodeProviderChain();
}
