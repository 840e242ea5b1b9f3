// The names of the source operations (services/sources.ts), apart from their implementation so the
// writer thread can tell they run elsewhere without loading the ClickHouse client.
export const SOURCE_OPERATIONS = [
  'addSource',
  'listSources',
  'testSource',
  'removeSource',
  'startSourcePull',
  'sourceOverview',
  'sourceGraphEdges',
  'sourceSessions',
  'cancelSourceQuery',
] as const;
export type SourceOperation = (typeof SOURCE_OPERATIONS)[number];
