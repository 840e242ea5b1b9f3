import { describe, expect, it } from 'vitest';
import { CsvRecordReader, splitQuoted } from '../../../src-main/core/ingest/csv-records.js';

type Out = ['rec', string[], number] | ['bad', number, string];

function read(chunks: string[]): Out[] {
  const out: Out[] = [];
  const reader = new CsvRecordReader(
    (fields, line) => out.push(['rec', fields, line]),
    (line, _raw, reason) => out.push(['bad', line, reason]),
  );
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  return out;
}

describe('CsvRecordReader', () => {
  it('splits plain records and keeps empty fields', () => {
    expect(read(['a,b,c\n1,,3\n,,\n'])).toEqual([
      ['rec', ['a', 'b', 'c'], 1],
      ['rec', ['1', '', '3'], 2],
      ['rec', ['', '', ''], 3],
    ]);
  });

  it('reads quoted fields with commas and doubled quotes', () => {
    expect(read(['"a,1","say ""hi""",plain,""\n'])).toEqual([['rec', ['a,1', 'say "hi"', 'plain', ''], 1]]);
  });

  it('joins a quoted field that spans lines and numbers the record by its first line', () => {
    expect(read(['x,"line one\nline two",y\nnext,1,2\n'])).toEqual([
      ['rec', ['x', 'line one\nline two', 'y'], 1],
      ['rec', ['next', '1', '2'], 3],
    ]);
  });

  it('reads CRLF records; a CRLF inside quotes becomes LF', () => {
    expect(read(['a,b\r\n"1\r\n2",3\r\n'])).toEqual([
      ['rec', ['a', 'b'], 1],
      ['rec', ['1\n2', '3'], 2],
    ]);
  });

  it('keeps a stray quote inside an unquoted field', () => {
    expect(read(['ab"c"d,e\n'])).toEqual([['rec', ['ab"c"d', 'e'], 1]]);
  });

  it('gives the same records for a chunk split at every position', () => {
    const input = 'h1,h2,h3\r\n"a,""b""",2,"multi\nline ""q"""\r\nplain,"",x\n"c\r\nd",e,f';
    const whole = read([input]);
    expect(whole).toEqual([
      ['rec', ['h1', 'h2', 'h3'], 1],
      ['rec', ['a,"b"', '2', 'multi\nline "q"'], 2],
      ['rec', ['plain', '', 'x'], 4],
      ['rec', ['c\nd', 'e', 'f'], 5],
    ]);
    for (let cut = 0; cut <= input.length; cut++) {
      expect(read([input.slice(0, cut), input.slice(cut)]), `cut at ${cut}`).toEqual(whole);
      for (let cut2 = cut; cut2 <= input.length; cut2 += 7) {
        expect(read([input.slice(0, cut), input.slice(cut, cut2), input.slice(cut2)])).toEqual(whole);
      }
    }
    expect(read(input.split(''))).toEqual(whole);
  });

  it('quarantines the line of a quote never closed and reads the lines after it on their own', () => {
    const out = read(['a,b\n1,"open\n2,3\n4,5\n']);
    expect(out).toEqual([
      ['rec', ['a', 'b'], 1],
      ['bad', 2, 'unterminated quoted field: no closing quote before the end of the file'],
      ['rec', ['2', '3'], 3],
      ['rec', ['4', '5'], 4],
    ]);
  });

  it('reads a joined record again line by line when its field count is wrong, not when it fits', () => {
    const widthOf3 = (chunks: string[]) => {
      const out: Out[] = [];
      const reader = new CsvRecordReader(
        (fields, line) => out.push(['rec', fields, line]),
        (line, _raw, reason) => out.push(['bad', line, reason]),
        undefined,
        () => 3,
      );
      for (const chunk of chunks) reader.push(chunk);
      reader.end();
      return out;
    };
    // Line 1 opens a quote; line 3's stray quote closes it into 1 + 1 fields.
    expect(widthOf3(['x,"open,y\n1,2,3\nz"z\n7,8,9\n'])).toEqual([
      ['bad', 1, 'unterminated quoted field: closing it on line 3 would give 2 fields, not 3'],
      ['rec', ['1', '2', '3'], 2],
      ['bad', 3, 'unterminated quoted field: no closing quote before the end of the file'],
      ['rec', ['7', '8', '9'], 4],
    ]);
    expect(widthOf3(['x,"two\nlines",y\n1,2,3\n'])).toEqual([
      ['rec', ['x', 'two\nlines', 'y'], 1],
      ['rec', ['1', '2', '3'], 3],
    ]);
  });

  it('gives up on a quoted record over 2 MiB and reads its lines again', () => {
    const filler = `${'z'.repeat(500_000)}\n`;
    const out = read(['"open\n', filler, filler, filler, filler, filler, 'after,1\n']);
    expect(out[0]).toEqual(['bad', 1, 'unterminated quoted field: no closing quote within 2 MiB']);
    expect(out.slice(1).map((o) => o[0])).toEqual(['rec', 'rec', 'rec', 'rec', 'rec', 'rec']);
    expect(out.at(-1)).toEqual(['rec', ['after', '1'], 7]);
  });

  it('reports a line over 1 MiB and closes an open quote before it', () => {
    const out = read(['"open\n', 'mid,1\n', `${'w'.repeat(1_100_000)}\n`, 'ok,1\n']);
    expect(out).toEqual([
      ['bad', 1, 'unterminated quoted field: no closing quote before an over-long line'],
      ['rec', ['mid', '1'], 2],
      ['bad', 3, 'line longer than 1 MiB'],
      ['rec', ['ok', '1'], 4],
    ]);
  });
});

describe('splitQuoted', () => {
  it('keeps text after a closing quote and handles a final quoted field', () => {
    expect(splitQuoted('"a"b,"c"')).toEqual(['ab', 'c']);
    expect(splitQuoted('x,"y,z"')).toEqual(['x', 'y,z']);
    expect(splitQuoted('"",""')).toEqual(['', '']);
  });
});
