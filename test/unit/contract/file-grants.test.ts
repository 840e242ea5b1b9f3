// A grant imports its file once: a page that names one grant twice in a batch must not get the
// file for the first and nothing (undefined, a path the import then trips on) for the second.
import { describe, expect, it } from 'vitest';
import { FileGrants, GrantRefused } from '../../../src-main/core/file-grants.js';

describe('file grants', () => {
  it('refuse a batch that names one grant twice, and keep the grant for a later import', () => {
    const grants = new FileGrants();
    const { id } = grants.issue('/data/flows.log');
    expect(() => grants.redeem([id, id])).toThrow(GrantRefused);
    expect(grants.redeem([id])).toEqual(['/data/flows.log']);
    expect(() => grants.redeem([id])).toThrow(GrantRefused);
  });

  it('refuse the whole batch when one id is unknown, spending none of it', () => {
    const grants = new FileGrants();
    const a = grants.issue('/data/a.csv');
    const b = grants.issue('/data/b.csv');
    expect(() => grants.redeem([a.id, 'unknown', b.id])).toThrow(GrantRefused);
    expect(grants.redeem([b.id, a.id])).toEqual(['/data/b.csv', '/data/a.csv']);
  });
});
