// Where the connector's credentials come from. Vigil never stores them: the AWS SDK reads them
// from the standard places each time (environment, ~/.aws files, SSO cache, instance role).
import type { CloudWatchLogsClientConfig } from '@aws-sdk/client-cloudwatch-logs';
import { type CredentialProvider, loadCredentialProviders } from './sdk.js';

export type Credentials = NonNullable<CloudWatchLogsClientConfig['credentials']>;

/** A provider the SDK calls when it signs a request (the provider package is loaded then). */
export function credentialsFor(profile: string | undefined): Credentials {
  let provider: Promise<CredentialProvider> | null = null;
  return async () => {
    provider ??= loadCredentialProviders().then(({ fromIni, fromNodeProviderChain }) =>
      // A named profile is read from the config files alone (keys, SSO, assume-role, credential
      // process): falling through to other sources would turn a typo into a slow, vague failure.
      // Otherwise: environment, then AWS_PROFILE or the default profile, SSO, web identity,
      // container/instance role.
      profile ? fromIni({ profile }) : fromNodeProviderChain(),
    );
    return (await provider)();
  };
}
