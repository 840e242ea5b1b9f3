// The CloudWatch dialog's form → API arguments, checked by the shared schemas.
import { describe, expect, it } from 'vitest';
import {
  defaultPullForm,
  fieldErrors,
  type PullForm,
  toListArgs,
  toPullArgs,
} from '../../../src-renderer/views/cloudwatch/pull-form.js';

const NOW = Date.UTC(2024, 4, 1, 12, 0);
const form = (patch: Partial<PullForm> = {}): PullForm => ({
  ...defaultPullForm({ profile: '', region: 'eu-west-1' }, NOW),
  logGroup: '/vpc/flow',
  ...patch,
});

describe('CloudWatch dialog form', () => {
  it('starts with the last 24 hours, all events and format detection; custom ends default to that day, in UTC', () => {
    const initial = defaultPullForm({ profile: 'p', region: 'r' }, NOW);
    expect(initial).toMatchObject({ range: '24h', selection: 'all', preset: '', logGroup: '' });
    expect([initial.from, initial.to]).toEqual(['2024-04-30T12:00', '2024-05-01T12:00']);
  });

  it('turns each time range choice into since / from–to / newOnly', () => {
    expect(toPullArgs(form({ range: '1h' }))).toEqual({
      ok: true,
      args: { region: 'eu-west-1', logGroup: '/vpc/flow', since: '1h' },
    });
    expect(toPullArgs(form({ range: 'new' }))).toMatchObject({
      ok: true,
      args: { newOnly: true, since: '24h' },
    });
    const custom = toPullArgs(form({ range: 'custom', from: '2024-05-01T08:00', to: '2024-05-01T09:30' }));
    expect(custom).toMatchObject({
      ok: true,
      args: { from: Date.UTC(2024, 4, 1, 8), to: Date.UTC(2024, 4, 1, 9, 30) },
    });
    expect(toPullArgs(form({ range: 'custom', from: '' }))).toEqual({
      ok: false,
      problems: [{ field: 'from', message: 'Give both ends of the custom time range.' }],
    });
  });

  it('sends only the chosen kind of selection, trimmed; empty optional fields are left out', () => {
    const both = { filterPattern: ' REJECT ', insightsQuery: 'fields @message' };
    expect(toPullArgs(form({ ...both, selection: 'filter', profile: ' ' }))).toEqual({
      ok: true,
      args: { region: 'eu-west-1', logGroup: '/vpc/flow', since: '24h', filterPattern: 'REJECT' },
    });
    expect(toPullArgs(form({ ...both, selection: 'insights', preset: 'zeek' }))).toMatchObject({
      ok: true,
      args: { insightsQuery: 'fields @message', preset: 'zeek' },
    });
    expect(toPullArgs(form({ ...both, selection: 'all' }))).toMatchObject({
      ok: true,
      args: { since: '24h' },
    });
    expect(toPullArgs(form({ selection: 'filter', filterPattern: '  ' }))).toMatchObject({ ok: false });
  });

  it('names the field of each problem, with the same messages the core gives', () => {
    expect(toPullArgs(form({ logGroup: ' ' }))).toEqual({
      ok: false,
      problems: [{ field: 'logGroup', message: 'Choose a log group from the list, or type its name.' }],
    });
    expect(toPullArgs(form({ region: 'Ireland', profile: 'a b' }))).toMatchObject({
      ok: false,
      problems: [
        { field: 'profile', message: 'Profile: a profile name' },
        { field: 'region', message: 'Region: an AWS region such as eu-west-1' },
      ],
    });
    expect(toPullArgs(form({ range: 'custom', from: '2024-05-02T00:00', to: '2024-05-01T00:00' }))).toEqual({
      ok: false,
      problems: [{ field: 'from', message: 'The start of the time range (from) is after its end (to).' }],
    });
    expect(toListArgs({ profile: 'dev', region: 'eu-west-1' }, ' /aws ')).toEqual({
      ok: true,
      args: { profile: 'dev', region: 'eu-west-1', prefix: '/aws' },
    });
  });

  it('gives every problem of the form at once, each with its field (issue 18: not one per attempt)', () => {
    const all = toPullArgs(
      form({
        logGroup: '',
        region: 'Ireland',
        range: 'custom',
        from: '',
        to: '',
        selection: 'filter',
        filterPattern: '',
      }),
    );
    expect(all.ok).toBe(false);
    expect(all.ok ? [] : all.problems.map((p) => p.field)).toEqual([
      'logGroup',
      'filterPattern',
      'from',
      'to',
      'region',
    ]);
    expect(fieldErrors(all.ok ? [] : all.problems)).toMatchObject({
      region: 'Region: an AWS region such as eu-west-1',
      logGroup: 'Choose a log group from the list, or type its name.',
    });
  });

  it('never sends an endpoint, even one left in the form by an older version', () => {
    const old = { profile: '', region: 'eu-west-1', endpoint: 'http://attacker.example' };
    expect(toListArgs(old, '')).toEqual({ ok: true, args: { region: 'eu-west-1' } });
    expect(toPullArgs({ ...form(), ...old })).toMatchObject({ ok: true });
    expect(toPullArgs({ ...form(), ...old })).not.toHaveProperty('args.endpoint');
  });
});
