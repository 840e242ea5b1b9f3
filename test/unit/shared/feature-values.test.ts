// "Why flagged" in words: the session's value in its unit (a log1p column turned back), the
// training average beside it and which way it lies; an entry stored before values were kept is
// its feature's name alone.
import { describe, expect, it } from 'vitest';
import { SCALED_FEATURES } from '../../../src-main/core/features/schema.js';
import { featureValueInWords, whyEntryInWords } from '../../../src-shared/feature-values.js';

describe('featureValueInWords', () => {
  it('turns log1p columns back into their unit', () => {
    expect(featureValueInWords('log_bytes_out', Math.log1p(2_100_000))).toBe('2.1 MB');
    expect(featureValueInWords('log_duration_s', Math.log1p(3.4))).toBe('3.4 s');
    expect(featureValueInWords('src_window_login_attempts', Math.log1p(40))).toBe('40');
    expect(featureValueInWords('log_query_length', Math.log1p(312))).toBe('312 characters');
    expect(featureValueInWords('rule_hits_high', Math.log1p(2))).toBe('2');
  });

  it('reads shares as percentages and flags and one-hots as yes or no', () => {
    expect(featureValueInWords('query_special_share', 0.415)).toBe('41.5 %');
    expect(featureValueInWords('status_4xx', 1)).toBe('yes');
    expect(featureValueInWords('country_CN', 0)).toBe('no');
    expect(featureValueInWords('query_entropy', 4.12345)).toBe('4.12 bits');
  });

  it('shows as a bare number only the features that have no unit (a new column must be given one)', () => {
    const bare = SCALED_FEATURES.filter((c) => featureValueInWords(c, 0.25) === '0.25');
    expect(bare).toEqual(['hour_sin', 'hour_cos', 'src_window_gap_cv']);
  });
});

describe('whyEntryInWords', () => {
  it('says the value, the typical value and how far above or below it lies', () => {
    expect(
      whyEntryInWords({
        feature: 'log_bytes_out',
        contribution: 0.3,
        value: Math.log1p(2_100_000),
        typical: Math.log1p(3_400),
        sd: 3.14,
      }),
    ).toBe('Bytes out: 2.1 MB, typical 3.4 kB (3.1 SD above)');
    expect(
      whyEntryInWords({
        feature: 'src_window_4xx_share',
        contribution: 0.1,
        value: 0,
        typical: 0.2,
        sd: -0.8,
      }),
    ).toBe('Share of 4xx answers, per source: 0 %, typical 20 % (0.8 SD below)');
  });

  it('says yes or no for a flag or a one-hot, and only the name for an entry stored without a value', () => {
    expect(whyEntryInWords({ feature: 'ua_tool', contribution: 0.2, value: 1, typical: 0.02, sd: 7 })).toBe(
      'User agent: tool: yes',
    );
    expect(whyEntryInWords({ feature: 'country_CN', contribution: 0.2, value: 1 })).toBe('Country CN: yes');
    expect(whyEntryInWords({ feature: 'src_window_gap_cv', contribution: 0.42 })).toBe(
      'Regularity of gaps, per source',
    );
  });
});
