// The filter language, shared by the renderer, the server and the CLI.
export * from './clauses.js';
export * from './errors.js';
export * from './fields.js';
export * from './ipv4.js';
export * from './ipv6-block.js';
export * from './parse.js';
export * from './presence.js';
export * from './serialize.js';
export * from './suggest.js';
export * from './value-term.js';
export * from './workspace-only.js';
