import { describe, expect, it } from 'vitest';
import { pairLabelFiles } from '../../../src-shared/label-files.js';

const files = (...names: string[]) => names.map((name) => ({ name }));
const names = (result: ReturnType<typeof pairLabelFiles<{ name: string }>>) => ({
  logs: result.logs.map(({ log, labels }) => [log.name, labels?.name ?? null]),
  strays: result.strays.map((file) => file.name),
});

describe('pairLabelFiles', () => {
  it('pairs each log with the LOG.labels.csv handed over with it, in the order given', () => {
    expect(names(pairLabelFiles(files('b.log.labels.csv', 'a.log', 'b.log', 'c.csv.gz')))).toEqual({
      logs: [
        ['a.log', null],
        ['b.log', 'b.log.labels.csv'],
        ['c.csv.gz', null],
      ],
      strays: [],
    });
  });

  it('sets apart a labels file whose log is not among the files', () => {
    expect(names(pairLabelFiles(files('a.log.labels.csv', 'b.log')))).toEqual({
      logs: [['b.log', null]],
      strays: ['a.log.labels.csv'],
    });
    expect(names(pairLabelFiles(files('.labels.csv')))).toEqual({ logs: [], strays: ['.labels.csv'] });
  });

  it('pairs a gzipped log with the labels of its uncompressed name, each labels file with one log', () => {
    expect(
      names(pairLabelFiles(files('a.log.gz', 'a.log.labels.csv', 'b.csv.gz', 'b.csv.gz.labels.csv'))),
    ).toEqual({
      logs: [
        ['a.log.gz', 'a.log.labels.csv'],
        ['b.csv.gz', 'b.csv.gz.labels.csv'],
      ],
      strays: [],
    });
    // Both the log and its gzipped copy: the labels go with the first, the other is a plain import.
    expect(names(pairLabelFiles(files('a.log', 'a.log.gz', 'a.log.labels.csv')))).toEqual({
      logs: [
        ['a.log', 'a.log.labels.csv'],
        ['a.log.gz', null],
      ],
      strays: [],
    });
  });

  it('takes names as they are: another case or a longer name is another file', () => {
    expect(names(pairLabelFiles(files('A.log', 'a.log.labels.csv', 'a.log.labels.csv.bak')))).toEqual({
      logs: [
        ['A.log', null],
        ['a.log.labels.csv.bak', null],
      ],
      strays: ['a.log.labels.csv'],
    });
  });
});
