// A quote that never closes must cost one line, not the rest of the file: a record that runs over
// lines and then has the wrong field count is read again line by line (issue 16, item 4).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLOUDWATCH_HEADER, cloudwatchRow } from '../../helpers/cloudwatch-rows.js';
import { expectReconciled, importFile, tempWorkspace } from './harness.js';

const ROWS = 20_000;

/** Lines in the file as a user counts them (`wc -l` of a file ending in a newline). */
const lineCount = (file: string) => fs.readFileSync(file, 'utf8').split('\n').length - 1;

describe('a stray quote in a CSV', () => {
  it('quarantines only its line, and rows read = stored + quarantined + duplicates = data lines', async () => {
    const ws = tempWorkspace();
    const rows = Array.from({ length: ROWS }, (_, i) => cloudwatchRow(i));
    // Row 3 opens a quoted field that no later line closes.
    rows[2] = rows[2]!.replace('Suspicious Web Traffic', '"Suspicious Web Traffic');
    const file = ws.write('stray-quote.csv', `${CLOUDWATCH_HEADER}\n${rows.join('\n')}\n`);
    const result = await importFile(ws.db, { file });
    expect(result.record).toMatchObject({
      status: 'done',
      rowsRead: ROWS,
      stored: ROWS - 1,
      quarantined: 1,
      duplicates: 0,
    });
    expectReconciled(result);
    const { rowsRead, stored, quarantined, duplicates } = result.record;
    expect(stored + quarantined + duplicates).toBe(rowsRead);
    expect(rowsRead).toBe(lineCount(file) - 1); // every line but the header
    expect(result.quarantine).toEqual([
      expect.objectContaining({
        line: 4,
        raw: rows[2],
        reason: expect.stringMatching(/^unterminated quoted field/),
      }),
    ]);
  });

  it('quarantines two stray quotes that pair up into a record of the wrong width, and keeps the lines between', async () => {
    const ws = tempWorkspace();
    const rows = Array.from({ length: 50 }, (_, i) => cloudwatchRow(i));
    rows[5] = rows[5]!.replace('Suspicious Web Traffic', '"Suspicious Web Traffic');
    rows[30] = rows[30]!.replace(',waf_rule', ',waf"_rule');
    const file = ws.write('two-quotes.csv', `${CLOUDWATCH_HEADER}\n${rows.join('\n')}\n`);
    const result = await importFile(ws.db, { file });
    expect(result.record).toMatchObject({ status: 'done', rowsRead: 50, stored: 48, quarantined: 2 });
    expectReconciled(result);
    expect(result.quarantine.map((q) => q.line)).toEqual([7, 32]);
    expect(result.quarantine[0]!.reason).toMatch(/closing it on line 32 would give 11 fields, not 16/);
  });

  it('still joins a quoted field that spans lines into one record when the field count fits', async () => {
    const ws = tempWorkspace();
    const rows = Array.from({ length: 5 }, (_, i) => cloudwatchRow(i));
    rows[1] = rows[1]!.replace('Suspicious Web Traffic', '"Suspicious\nWeb Traffic"');
    const file = ws.write('multi-line.csv', `${CLOUDWATCH_HEADER}\n${rows.join('\n')}\n`);
    const result = await importFile(ws.db, { file });
    expect(result.record).toMatchObject({ status: 'done', rowsRead: 5, stored: 5, quarantined: 0 });
    expect(result.sessions[1]!.ruleName).toBe('Suspicious\nWeb Traffic');
    expect(result.sessions.map((s) => s.rawLine)).toEqual([2, 3, 5, 6, 7]);
  });
});
