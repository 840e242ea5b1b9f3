// The pure parts of the source screens: the `vigil source add` line the Import view's form writes
// (quoted so a pasted line runs exactly what the form says), and the ranges of a Pull into workspace.
import { describe, expect, it } from 'vitest';
import { localRange, pullRange, readLimit } from '../../../src-renderer/views/sources/pull-range.js';
import {
  EMPTY_FORM,
  shellWord,
  sourceAddCommand,
} from '../../../src-renderer/views/sources/source-command.js';

describe('the source add line', () => {
  it('names the defaults only when they are changed', () => {
    expect(sourceAddCommand({ ...EMPTY_FORM, name: 'fleet', database: 'logs', table: 'web' })).toBe(
      'vigil source add fleet --clickhouse http://127.0.0.1:8123 --database logs --table web',
    );
    expect(
      sourceAddCommand({
        ...EMPTY_FORM,
        name: 'edge',
        database: 'nginx',
        table: 'access',
        preset: 'combined',
        user: 'analyst',
        credentials: 'profile',
        profileFile: '/home/me/ch profile.json',
      }),
    ).toBe(
      "vigil source add edge --clickhouse http://127.0.0.1:8123 --database nginx --table access --map combined --user analyst --profile '/home/me/ch profile.json'",
    );
    expect(sourceAddCommand({ ...EMPTY_FORM, passwordEnv: 'CH_PASS' })).toContain('--password-env CH_PASS');
  });

  it('quotes a word the shell would read otherwise, quotes included', () => {
    expect(shellWord('plain-word_1.2')).toBe('plain-word_1.2');
    expect(shellWord('a;rm -rf ~')).toBe("'a;rm -rf ~'");
    expect(shellWord("it's $(x)")).toBe("'it'\\''s $(x)'");
  });
});

describe('the ranges of a pull', () => {
  it("pulls the filter's range, else the span of the rows the engine counted", () => {
    expect(pullRange({ from: 10, to: 20 }, { firstTs: 1, lastTs: 99 })).toEqual({ from: 10, to: 20 });
    expect(pullRange({}, { firstTs: 1, lastTs: 99 })).toEqual({ from: 1, to: 99 });
    expect(pullRange({}, { firstTs: null, lastTs: null })).toBeNull();
  });

  it('shows the pulled range in the workspace widened to whole minutes, its last row included', () => {
    expect(localRange({ rangeStart: 90_000, rangeEnd: 179_999 })).toEqual({ from: 60_000, to: 180_000 });
    expect(localRange({ rangeStart: 120_000, rangeEnd: 180_000 })).toEqual({ from: 120_000, to: 240_000 });
  });

  it('reads a limit with thousands separators and refuses what is not one', () => {
    expect(readLimit('5,000,000')).toBe(5_000_000);
    expect(readLimit('250 000')).toBe(250_000);
    expect(readLimit('0')).toMatch(/whole number/);
    expect(readLimit('1.5')).toMatch(/whole number/);
    expect(readLimit('lots')).toMatch(/whole number/);
  });
});
