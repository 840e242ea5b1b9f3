// The session field table: one record per field, from which the layers derive their lists.
export * from './field-def.js';
export * from './schema.js';
export * from './select.js';
export * from './session-fields.js';
