// Every feature column a model can have gets a human name for the Models view and "why flagged".
import { describe, expect, it } from 'vitest';
import { NUMERIC_FEATURES } from '../../../src-main/core/features/columns.js';
import { REQUEST_FEATURES } from '../../../src-main/core/features/request-columns.js';
import { featureName } from '../../../src-shared/feature-names.js';

describe('featureName', () => {
  it('names every numeric and request feature in words, each differently', () => {
    const columns = [...NUMERIC_FEATURES, ...REQUEST_FEATURES];
    const names = columns.map(featureName);
    expect(columns.filter((c, i) => names[i] === c)).toEqual([]);
    expect(new Set(names).size).toBe(columns.length);
  });

  it('names one-hot columns by their value', () => {
    expect(featureName('country_DE')).toBe('Country DE');
    expect(featureName('protocol_TCP')).toBe('Protocol TCP');
    expect(featureName('country_other')).toBe('Country: other');
    expect(featureName('something_new')).toBe('something_new');
  });
});
