// Engine errors in the text of 18.x and of current versions, read into the same clear messages.
import { describe, expect, it } from 'vitest';
import {
  describeSourceError,
  ERROR_LINE,
} from '../../../src-main/core/connectors/clickhouse/server-errors.js';

const where = { source: 'fleet', url: 'http://127.0.0.1:8123', table: 'logs.web' };
const said = (text: string) => describeSourceError(new Error(text), where).message;

describe('describeSourceError', () => {
  it('reads the old and the current form of each error alike', () => {
    const pairs: [string, string, RegExp][] = [
      [
        "Code: 60, e.displayText() = DB::Exception: Table logs.web doesn't exist., e.what() = DB::Exception",
        'Code: 60. DB::Exception: Table logs.web does not exist. (UNKNOWN_TABLE) (version 24.3.1.1)',
        /^source "fleet": the table logs\.web does not exist \(Table logs\.web (doesn't|does not) exist\.?\)\.$/,
      ],
      [
        'Code: 47, e.displayText() = DB::Exception: Unknown identifier: ua, e.what() = DB::Exception',
        "Code: 47. DB::Exception: Missing columns: 'ua' while processing query: 'SELECT ua FROM logs.web', required columns: 'ua'. (UNKNOWN_IDENTIFIER) (version 23.8.2.7)",
        /^source "fleet": a column named by the mapping does not exist \((Unknown identifier: ua|Missing columns: 'ua' .*)\)\. Fix the mapping/,
      ],
      [
        'Code: 193, e.displayText() = DB::Exception: Wrong password for user default, e.what() = DB::Exception',
        'Code: 516. DB::Exception: default: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED) (version 24.3.1.1)',
        /^source "fleet" refused the user name or password \(.*\)\. Check the password's environment variable or profile file\.$/,
      ],
      [
        'Code: 159, e.displayText() = DB::Exception: Timeout exceeded: elapsed 3.0 seconds, maximum: 1, e.what() = DB::Exception',
        'Code: 159. DB::Exception: Timeout exceeded: elapsed 3.000187 seconds, maximum: 1. (TIMEOUT_EXCEEDED) (version 24.3.1.1)',
        /^source "fleet" stopped the query: it ran out of time \(Timeout exceeded: elapsed 3\.0\d* seconds, maximum: 1\.?\)\.$/,
      ],
    ];
    for (const [old, current, expected] of pairs) {
      expect(said(old)).toMatch(expected);
      expect(said(current)).toMatch(expected);
      expect(said(current)).not.toMatch(/version|UNKNOWN_|e\.what|\n/);
    }
  });

  it('says when the server cannot be reached, and finds an error line in either form', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' });
    expect(describeSourceError(refused, where).message).toBe(
      'Cannot reach source "fleet" at http://127.0.0.1:8123 (ECONNREFUSED): is the server running?',
    );
    expect(ERROR_LINE.test('Code: 395, e.displayText() = DB::Exception: x')).toBe(true);
    expect(ERROR_LINE.test('Code: 395. DB::Exception: x. (FUNCTION_THROW_IF_VALUE_IS_NON_ZERO)')).toBe(true);
    expect(ERROR_LINE.test('{"path":"Code: 1, not an error"}')).toBe(false);
  });
});
