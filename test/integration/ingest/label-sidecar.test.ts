// Labels beside a log (`vigil ingest FILE --labels FILE.labels.csv`): each record gets the label
// of the line it starts on, read as the log is parsed, on the parser's worker thread as inline; a
// sidecar that is not this log's, or not in order, fails the import and keeps nothing.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countSessions } from '../../../src-main/core/db/sessions.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { importFile, tempWorkspace } from './harness.js';

const line = (i: number) =>
  `203.0.113.${i} - - [25/Apr/2024:00:00:${String(i).padStart(2, '0')} +0000] "GET /p${i} HTTP/1.1" 200 512 "-" "curl/8.0"`;
/** Six requests, the fourth line not a request at all (quarantined). */
const LOG = `${[1, 2, 3].map(line).join('\n')}\nnot a log line\n${[5, 6].map(line).join('\n')}\n`;

describe('labels from a sidecar CSV', () => {
  it.each(['inline', 'worker'] as const)('labels each record by its line (parser %s)', async (parser) => {
    const { db, write } = tempWorkspace();
    const labels = write('a.log.labels.csv', 'line,label\n1,benign\n3,sqli\n4,xss\n6,"scan, loud"\n');
    const { record, sessions } = await importFile(db, { file: write('a.log', LOG), labels, parser });
    expect(record.status).toBe('done');
    expect(record.labelsFile).toBe(labels);
    expect(record.quarantined).toBe(1);
    expect(sessions.map((s) => [s.rawLine, s.label])).toEqual([
      [1, 'benign'],
      [2, null], // left out: the log's own (none)
      [3, 'sqli'],
      [5, null],
      [6, 'scan, loud'],
    ]);
  });

  it.each(['inline', 'worker'] as const)(
    'drops the label of a quarantined last line with its record (parser %s)',
    async (parser) => {
      const { db, write } = tempWorkspace();
      // The last request cut short, as a log copied while the server wrote it.
      const cut = `${LOG}${line(7).slice(0, 40)}\n`;
      const labels = write('cut.log.labels.csv', 'line,label\n1,benign\n6,sqli\n7,xss\n');
      const { record, sessions } = await importFile(db, { file: write('cut.log', cut), labels, parser });
      expect(record).toMatchObject({ status: 'done', stored: 5, quarantined: 2 });
      expect(sessions.map((s) => [s.rawLine, s.label])).toEqual([
        [1, 'benign'],
        [2, null],
        [3, null],
        [5, null],
        [6, 'sqli'],
      ]);
      // A label past the quarantined last line is still another log's (a blank line added: the same
      // bytes would be skipped as imported before).
      const past = write('past.labels.csv', 'line,label\n7,xss\n8,xss\n');
      await expect(
        runImport(db, { file: write('cut-again.log', `${cut}\n`), labels: past, enrich: false, parser }),
      ).rejects.toThrow(
        "Labels file past.labels.csv, line 3: a label for line 8, past the log's last record (line 7): is it this log's labels file?",
      );
      // One question mark, no full stop after it.
      await expect(
        runImport(db, { file: write('cut-thrice.log', `${cut}\n`), labels: past, enrich: false, parser }),
      ).rejects.toThrow(/labels file\?$/);
    },
  );

  it.each([
    ['no header', '1,benign\n', 'line 1: the first line must be the header "line,label"'],
    ['lines out of order', 'line,label\n3,a\n2,b\n', 'line 3: line 2 comes after line 3'],
    ['a line twice', 'line,label\n2,a\n2,b\n', 'line 3: line 2 comes after line 2'],
    ['not a line number', 'line,label\nx,a\n', 'line 2: "x" is not a line number'],
    ['an empty label', 'line,label\n2,\n', 'line 2: the label is empty'],
    ['an unclosed quote', 'line,label\n2,"a\n', 'line 2: the label has an unclosed quote'],
    [
      'another log',
      'line,label\n2,a\n90,b\n',
      "line 3: a label for line 90, past the log's last record (line 6)",
    ],
  ])('refuses %s: the import fails with the reason and keeps nothing', async (_name, csv, reason) => {
    const { db, write } = tempWorkspace();
    const labels = write('bad.labels.csv', csv);
    const file = write('a.log', LOG);
    /** The files this process holds open, by path. */
    const openFiles = () =>
      fs.readdirSync('/proc/self/fd').flatMap((fd) => {
        try {
          return [fs.readlinkSync(`/proc/self/fd/${fd}`)];
        } catch {
          return [];
        }
      });
    await expect(runImport(db, { file, labels, enrich: false, parser: 'inline' })).rejects.toThrow(
      `Labels file bad.labels.csv, ${reason}`,
    );
    expect(countSessions(db)).toBe(0);
    // The labels file is closed on every refusal, the header's too.
    expect(openFiles()).not.toContain(labels);
  });

  it('skips a log imported before, and says its labels were not applied', async () => {
    const { db, write } = tempWorkspace();
    const file = write('a.log', LOG);
    await runImport(db, { file, enrich: false });
    const labels = write('a.log.labels.csv', 'line,label\n1,benign\n');
    const again = await runImport(db, { file, labels, enrich: false });
    expect(again.status).toBe('skipped');
    expect(again.message).toMatch(/imported before: its labels were not applied/);
    expect(again.labelsFile).toBeNull();
    expect(countSessions(db)).toBe(5);
  });

  it('fails clearly when the labels file cannot be read', async () => {
    const { db, write, dir } = tempWorkspace();
    await expect(
      runImport(db, { file: write('a.log', LOG), labels: `${dir}/missing.csv`, enrich: false }),
    ).rejects.toThrow(/Labels file missing.csv cannot be read/);
    expect(countSessions(db)).toBe(0);
  });
});
