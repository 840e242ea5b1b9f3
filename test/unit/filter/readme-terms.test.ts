// The README's filter table documents every term of the language: a term added to the field table
// (src-shared/fields) or to the terms that are not one column fails here until it is described.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELD_NAMES } from '../../../src-shared/filter/index.js';

const README = new URL('../../../README.md', import.meta.url);

describe('the README filter table', () => {
  it('names every term of the filter language, in the first column', () => {
    const text = fs.readFileSync(README, 'utf8');
    const section = text.slice(
      text.indexOf('### Filter language'),
      text.indexOf('\n## ', text.indexOf('### Filter language')),
    );
    const documented = section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]));
    expect(documented.sort()).toEqual([...FIELD_NAMES].sort());
  });
});
