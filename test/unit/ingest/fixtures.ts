import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MappingPreset } from '../../../src-shared/domain.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ingest');

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}

export function fixture(name: string): string {
  return fs.readFileSync(fixturePath(name), 'utf8');
}

export function fixturePreset(name: string): MappingPreset {
  return MappingPreset.parse(JSON.parse(fixture(name)));
}
