// Every feature column a model can have gets a human name for the Models view and "why flagged".
import { describe, expect, it } from 'vitest';
import { SCALED_FEATURES } from '../../../src-main/core/features/schema.js';
import { featureName } from '../../../src-shared/feature-names.js';

describe('featureName', () => {
  it('names every scaled feature of the schema (flow, request, rule hits) in words, each differently', () => {
    const names = SCALED_FEATURES.map(featureName);
    expect(SCALED_FEATURES.filter((c, i) => names[i] === c)).toEqual([]);
    expect(new Set(names).size).toBe(SCALED_FEATURES.length);
  });

  it('says per source at the end of a per-source window feature', () => {
    expect(featureName('src_window_gap_cv')).toBe('Regularity of gaps, per source');
    for (const column of SCALED_FEATURES.filter((c) => c.startsWith('src_window_')))
      expect(featureName(column)).toMatch(/, per source$/);
  });

  it('names one-hot columns by their value', () => {
    expect(featureName('country_DE')).toBe('Country DE');
    expect(featureName('protocol_TCP')).toBe('Protocol TCP');
    expect(featureName('country_other')).toBe('Country: other');
    expect(featureName('something_new')).toBe('something_new');
  });
});
