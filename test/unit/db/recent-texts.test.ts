// The writer's memo of interned texts keeps the recent ones and a bounded number of them.
import { describe, expect, it } from 'vitest';
import { RecentTexts } from '../../../src-main/core/db/recent-texts.js';

describe('RecentTexts', () => {
  it('holds at most two generations, in texts and in characters', () => {
    const memo = new RecentTexts(100, 10_000);
    for (let i = 0; i < 1000; i++) memo.set(`path/${i}`, i);
    expect(memo.size).toBeLessThanOrEqual(200);
    expect(memo.get('path/999')).toBe(999);
    expect(memo.get('path/0')).toBeUndefined();
    const long = new RecentTexts(100, 1000);
    for (let i = 0; i < 50; i++) long.set(`${i}`.padEnd(400, 'x'), i);
    // 400 characters each: a generation closes after three, so four or five are kept, not 50.
    expect(long.size).toBeLessThanOrEqual(6);
  });

  it('keeps a text that keeps coming back while others pass through', () => {
    const memo = new RecentTexts(100, 10_000);
    memo.set('/login', 1);
    for (let i = 0; i < 10_000; i++) {
      memo.set(`/once/${i}`, i + 2);
      if (i % 50 === 0) expect(memo.get('/login')).toBe(1);
    }
  });
});
