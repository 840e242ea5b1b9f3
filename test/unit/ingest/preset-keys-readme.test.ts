// The README's "Preset files" section names every key a preset file takes: a preset refuses any
// other key (src-shared/domain.ts), so a key added to the schema fails here until it is described.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ColumnPreset, LogFormatPreset } from '../../../src-shared/domain.js';

const README = fs.readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the README on preset files', () => {
  it('names every key of both kinds of preset and every column a mapping takes', () => {
    const at = README.indexOf('**Preset files**');
    expect(at).toBeGreaterThan(0);
    const section = README.slice(at, README.indexOf('\n### ', at));
    const named = new Set([...section.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]));
    const keys = [
      ...Object.keys(ColumnPreset.shape),
      ...Object.keys(LogFormatPreset.shape),
      ...Object.keys(ColumnPreset.shape.columns.shape),
    ];
    expect(keys.filter((key) => !named.has(key))).toEqual([]);
  });
});
