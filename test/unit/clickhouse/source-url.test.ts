// A source's URL is stored as given and shown by `vigil source list`, so it must not carry a
// password: one in the user-info part or in the query string (which the official client reads as
// its settings, password included) is refused, with where the password goes instead.
import { describe, expect, it } from 'vitest';
import { AddSourceArgs } from '../../../src-shared/sources.js';

const args = (clickhouse: string) =>
  AddSourceArgs.safeParse({ name: 'fleet', clickhouse, database: 'logs', table: 'web' });

describe('the URL of a ClickHouse source', () => {
  it('is refused when it holds a user name, a password or a query string', () => {
    for (const url of [
      'http://default:s3cret@127.0.0.1:8123',
      'http://default@127.0.0.1:8123',
      'https://u:p@ch.example:8443/',
      'http://127.0.0.1:8123/?password=s3cret',
      'http://127.0.0.1:8123?user=u&password=p',
    ]) {
      const parsed = args(url);
      expect(parsed.success, url).toBe(false);
      expect(parsed.error?.issues[0]?.message, url).toMatch(/no user name, password or query string/);
    }
  });

  it('is accepted as a plain http(s) address, with a path or not', () => {
    for (const url of ['http://127.0.0.1:8123', 'https://ch.example:8443/', 'http://[::1]:8123/proxy'])
      expect(args(url).success, url).toBe(true);
  });
});
