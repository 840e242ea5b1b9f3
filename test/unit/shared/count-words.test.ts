import { describe, expect, it } from 'vitest';
import { countOf, formatCount, formatShare } from '../../../src-shared/count-words.js';

describe('count wording', () => {
  it('uses the singular for exactly one', () => {
    expect(countOf(1, 'session')).toBe('1 session');
    expect(countOf(0, 'session')).toBe('0 sessions');
    expect(countOf(1913, 'session')).toBe('1,913 sessions');
    expect(countOf(2, 'IP', 'IPs')).toBe('2 IPs');
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
  });

  it('groups digits and shows a missing count as a dash', () => {
    expect(formatCount(61_183)).toBe('61,183');
    expect(formatCount(null)).toBe('–');
  });
});

describe('share wording', () => {
  it('never rounds a share that is not zero down to zero, nor one below the whole up to it', () => {
    expect(formatShare(1, 200_000)).toBe('<0.1 %');
    expect(formatShare(0, 200_000)).toBe('0 %');
    expect(formatShare(199_999, 200_000)).toBe('>99.9 %');
    expect(formatShare(200_000, 200_000)).toBe('100 %');
  });

  it('keeps one decimal below 10 % and whole numbers above', () => {
    expect(formatShare(48, 1000)).toBe('4.8 %');
    expect(formatShare(262, 1000)).toBe('26 %');
  });

  it('has no share of nothing', () => {
    expect(formatShare(3, 0)).toBe('—');
    expect(formatShare(null, 10)).toBe('—');
  });
});
