// The AWS SDK is loaded on first use: loading it takes about 80 ms, which every CLI command and
// every app start paid although most never talk to AWS.
type Sdk = typeof import('@aws-sdk/client-cloudwatch-logs');
type CredentialProviders = typeof import('@aws-sdk/credential-providers');

/** What fromIni and fromNodeProviderChain make: a function the SDK calls for credentials. */
export type CredentialProvider = ReturnType<CredentialProviders['fromNodeProviderChain']>;

let sdk: Promise<Sdk> | null = null;
let providers: Promise<CredentialProviders> | null = null;

export function loadSdk(): Promise<Sdk> {
  sdk ??= import('@aws-sdk/client-cloudwatch-logs');
  return sdk;
}

export function loadCredentialProviders(): Promise<CredentialProviders> {
  providers ??= import('@aws-sdk/credential-providers');
  return providers;
}
