// The checked-in STIX 2.1 schemas (test/fixtures/stix), compiled once with Ajv for draft 2020-12.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ROOT } from '../../helpers/temp.js';

const DIR = path.join(ROOT, 'test', 'fixtures', 'stix');

function schemaFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return schemaFiles(file);
    return entry.name.endsWith('.json') ? [file] : [];
  });
}

// Strict, except that a `required` may name properties defined in a referenced schema (as the OASIS ones do).
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv);
for (const file of schemaFiles(DIR)) ajv.addSchema(JSON.parse(fs.readFileSync(file, 'utf8')));
const validateBundle = ajv.getSchema(
  'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/bundle.json',
)!;

/** Schema errors of a bundle, as readable lines (empty when it is valid). */
export function validateStix(bundle: unknown): string[] {
  if (validateBundle(bundle)) return [];
  return (validateBundle.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
