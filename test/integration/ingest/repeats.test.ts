// Repeated identical events are events (issue 16, item 5): the n-th identical row of a file is its
// own session, and the same as the n-th identical row of an overlapping file, so re-imports and
// overlapping files stay idempotent without collapsing a flood into one row.
import { describe, expect, it } from 'vitest';
import { WINDOW_KEYS } from '../../../src-main/core/ingest/occurrences.js';
import { CLOUDWATCH_HEADER, cloudwatchRow } from '../../helpers/cloudwatch-rows.js';
import { rollupMismatches } from '../../helpers/rollup-check.js';
import { expectReconciled, importFile, tempWorkspace } from './harness.js';
import { wafRow } from './specs.js';

const csv = (rows: readonly string[], eol = '\n') => `${[CLOUDWATCH_HEADER, ...rows].join(eol)}${eol}`;
const times = (n: number, row: string) => Array.from({ length: n }, () => row);

describe('repeated identical rows', () => {
  it('stores 100 identical rows as 100 sessions; the same rows again store 0; with 50 more, 50', async () => {
    const ws = tempWorkspace();
    const row = cloudwatchRow(0);
    const first = await importFile(ws.db, { file: ws.write('flood.csv', csv(times(100, row))) });
    expect(first.record).toMatchObject({ status: 'done', rowsRead: 100, stored: 100, duplicates: 0 });
    expectReconciled(first);

    // The same file is recognised by its content; the same rows in other bytes (CRLF) by their keys.
    const same = await importFile(ws.db, { file: ws.write('flood-again.csv', csv(times(100, row))) });
    expect(same.record).toMatchObject({ status: 'skipped', stored: 0 });
    const crlf = await importFile(ws.db, { file: ws.write('flood-crlf.csv', csv(times(100, row), '\r\n')) });
    expect(crlf.record).toMatchObject({ status: 'done', rowsRead: 100, stored: 0, duplicates: 100 });

    const more = await importFile(ws.db, { file: ws.write('flood-150.csv', csv(times(150, row))) });
    expect(more.record).toMatchObject({ status: 'done', rowsRead: 150, stored: 50, duplicates: 100 });
    expectReconciled(more);
    expect(ws.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 150 });
    expect(rollupMismatches(ws.db)).toEqual([]);
  });

  it('counts each kind of repeat on its own, in an overlapping file as in the first', async () => {
    const ws = tempWorkspace();
    const [a, b, c] = [cloudwatchRow(1), cloudwatchRow(2), cloudwatchRow(3)];
    await importFile(ws.db, { file: ws.write('one.csv', csv([a, b, a, a, b])) });
    const second = await importFile(ws.db, { file: ws.write('two.csv', csv([b, a, c, a, a, a, c, b, b])) });
    // a: 4 against 3 stored, b: 3 against 2, c: 2 new.
    expect(second.record).toMatchObject({ rowsRead: 9, stored: 1 + 1 + 2, duplicates: 3 + 2 });
    expectReconciled(second);
    expect(rollupMismatches(ws.db)).toEqual([]);
  });

  it('never takes sessions that differ only in an extra column for duplicates', async () => {
    const ws = tempWorkspace();
    // observation_name, source.meta and source.name are extra columns of this layout (kept as attrs).
    const row = cloudwatchRow(4);
    const other = row.replace(',prod_webserver,', ',staging_webserver,');
    expect(other).not.toBe(row);
    const first = await importFile(ws.db, { file: ws.write('extras.csv', csv([row, other])) });
    expect(first.record).toMatchObject({ rowsRead: 2, stored: 2, duplicates: 0 });
    // A later file with just the other one: a duplicate of that one only.
    const again = await importFile(ws.db, { file: ws.write('extras-2.csv', csv([other, other])) });
    expect(again.record).toMatchObject({ rowsRead: 2, stored: 1, duplicates: 1 });
  });

  it('never takes WAF requests that differ only in their URI for duplicates', async () => {
    const ws = tempWorkspace();
    const strip = (line: string) => {
      const record = JSON.parse(line);
      delete record.httpRequest.requestId; // keyed by their fields, not by a request id
      return JSON.stringify(record);
    };
    const one = strip(wafRow(0, { uri: '/login' }));
    const two = strip(wafRow(0, { uri: '/admin' }));
    const result = await importFile(ws.db, { file: ws.write('waf.log', `${one}\n${two}\n`) });
    expect(result.record).toMatchObject({ rowsRead: 2, stored: 2, duplicates: 0 });
    // Were the URI left out of the key, these would be the 1st and 2nd of one kind: both stored already.
    const again = await importFile(ws.db, { file: ws.write('waf-2.log', `${two}\n${two}\n`) });
    expect(again.record).toMatchObject({ rowsRead: 2, stored: 1, duplicates: 1 });
  });
});

describe('rows keyed by the event id of their source', () => {
  it('WAF: the same request id is the same event, whatever else repeats; another id is another event', async () => {
    const ws = tempWorkspace();
    const withId = (id: string) => {
      const record = JSON.parse(wafRow(0));
      record.httpRequest.requestId = id;
      return JSON.stringify(record);
    };
    // Three identical requests (ids 1, 2, 3) and request 1 delivered twice.
    const first = await importFile(ws.db, {
      file: ws.write('a.log', [withId('r-1'), withId('r-2'), withId('r-3'), withId('r-1')].join('\n')),
    });
    expect(first.record).toMatchObject({ rowsRead: 4, stored: 3, duplicates: 1 });
    // An overlapping delivery: 2 and 3 are stored, 4 and 5 are new (not the 4th and 5th of a count).
    const second = await importFile(ws.db, {
      file: ws.write('b.log', [withId('r-3'), withId('r-4'), withId('r-2'), withId('r-5')].join('\n')),
    });
    expect(second.record).toMatchObject({ rowsRead: 4, stored: 2, duplicates: 2 });
    expect(ws.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 5 });
  });
});

describe('repeats farther apart than the counting window, in a file not in time order', () => {
  // More distinct rows between two copies than two generations of the window hold.
  const far = Array.from({ length: 2 * WINDOW_KEYS + 5_000 }, (_, i) => cloudwatchRow(i + 1));
  const x = cloudwatchRow(0); // starts before all of them: the file is out of time order at the end

  it('stores the copy that comes back as the next occurrence (settled against the import itself)', async () => {
    const ws = tempWorkspace();
    const result = await importFile(ws.db, { file: ws.write('far.csv', csv([x, ...far, x])) });
    expect(result.record).toMatchObject({ stored: far.length + 2, duplicates: 0 });
    const again = await importFile(ws.db, { file: ws.write('far-crlf.csv', csv([x, ...far, x], '\r\n')) });
    expect(again.record).toMatchObject({ stored: 0, duplicates: far.length + 2 });
  });

  it('the stated limit: when the earlier copy was a duplicate of an earlier import, so is the far one', async () => {
    const ws = tempWorkspace();
    await importFile(ws.db, { file: ws.write('one.csv', csv([x])) });
    // Near each other, the second copy is the second occurrence: stored.
    const near = await importFile(ws.db, { file: ws.write('near.csv', csv([x, ...far.slice(0, 10), x])) });
    expect(near.record).toMatchObject({ stored: 11, duplicates: 1 });
    // Far apart, the third copy cannot be told from a third delivery of what is stored: a duplicate.
    const result = await importFile(ws.db, { file: ws.write('far.csv', csv([x, x, ...far, x])) });
    expect(result.record).toMatchObject({ stored: far.length - 10, duplicates: 10 + 3 });
  });
});
