// Every importer through the real pipeline into a real SQLite file, fed hostile input.
import { constants, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { expectReconciled, importFile, joinLines, tempWorkspace } from './harness.js';
import { expectReason, type FormatSpec, SPECS } from './specs.js';
import { WEB_SPECS } from './web-specs.js';

const decode = (line: string | Buffer) => (typeof line === 'string' ? line : new TextDecoder().decode(line));

/** The spec's header (if any) followed by `lines`, as file bytes. */
function fileOf(spec: FormatSpec, lines: (string | Buffer)[]): Buffer {
  return joinLines(spec.header === null ? lines : [spec.header, ...lines]);
}

describe.each([...SPECS, ...WEB_SPECS])('$format with hostile input', (spec) => {
  const first = spec.header === null ? 1 : 2; // line number of the first record
  const request = (file: string) => ({ file, format: spec.format, preset: spec.preset });

  for (const [kind, bad] of Object.entries(spec.bad)) {
    it(`quarantines a ${kind} record with its reason and line, and stores its neighbours`, async () => {
      const ws = tempWorkspace();
      const file = ws.write(spec.fileName, fileOf(spec, [spec.good(0), bad.line, spec.good(1)]));
      const result = await importFile(ws.db, request(file));
      expect(result.record).toMatchObject({
        status: 'done',
        rowsRead: 3,
        stored: 2,
        quarantined: 1,
        duplicates: 0,
      });
      expectReconciled(result);
      const [q] = result.quarantine;
      expect(q!.line).toBe(first + 1);
      expectReason(q!.reason, bad.reason);
      expect(q!.raw).toBe(decode(bad.line).slice(0, 4096));
      expect(result.sessions.map((s) => s.rawLine)).toEqual([first, first + 2]);
    });
  }

  it('stores script and spreadsheet-formula text verbatim, as inert text', async () => {
    const ws = tempWorkspace();
    const file = ws.write(spec.fileName, fileOf(spec, [spec.good(0), spec.injection.line]));
    const result = await importFile(ws.db, request(file));
    expect(result.record).toMatchObject({ status: 'done', rowsRead: 2, stored: 2, quarantined: 0 });
    expectReconciled(result);
    expect(spec.injection.stored(result.sessions[1]!)).toEqual(spec.injection.expected);
  });

  it('handles a quote that is never closed', async () => {
    const ws = tempWorkspace();
    const lines = [spec.good(0), spec.unterminatedQuote.line, spec.good(2), spec.good(3)];
    const result = await importFile(ws.db, request(ws.write(spec.fileName, fileOf(spec, lines))));
    const { stored, quarantined } = spec.unterminatedQuote;
    expect(result.record).toMatchObject({ status: 'done', stored, quarantined: quarantined.length });
    expectReconciled(result);
    expect(result.quarantine.map((q) => q.line)).toEqual(quarantined.map(([index]) => first + index));
    for (const [i, q] of result.quarantine.entries()) expect(q.reason).toMatch(quarantined[i]![1]);
  });

  it('imports an empty file as an empty, finished import', async () => {
    const ws = tempWorkspace();
    const result = await importFile(ws.db, request(ws.write(spec.fileName, '')));
    expect(result.record).toMatchObject({
      status: 'done',
      rowsRead: 0,
      stored: 0,
      quarantined: 0,
      duplicates: 0,
    });
    expectReconciled(result);
  });

  it('imports a header-only (or blank-lines-only) file with no rows', async () => {
    const ws = tempWorkspace();
    const content = spec.header === null ? '\n\n  \n' : `${spec.header}\r\n`;
    const result = await importFile(ws.db, request(ws.write(spec.fileName, content)));
    expect(result.record).toMatchObject({ status: 'done', rowsRead: 0, stored: 0, quarantined: 0 });
  });

  it('keeps every complete record before a gzip break and says the file ends early', async () => {
    const ws = tempWorkspace();
    const text = decode(
      fileOf(
        spec,
        Array.from({ length: 400 }, (_, i) => spec.good(i)),
      ),
    );
    const gz = gzipSync(text);
    const cut = gz.subarray(0, gz.length - 40);
    // What any reader can recover from the cut file: the expected outcome is computed from it.
    const prefix = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString();
    const complete = prefix.slice(0, prefix.lastIndexOf('\n') + 1).split('\n').length - 1 - (first - 1);
    const partial = prefix.slice(prefix.lastIndexOf('\n') + 1) !== '';
    expect(complete).toBeGreaterThan(300);
    const result = await importFile(ws.db, request(ws.write(`${spec.fileName}.gz`, cut)));
    expect(result.record.status).toBe('done');
    expect(result.record.message).toMatch(/ends early or is corrupt/);
    expect(result.record.stored).toBe(complete);
    expect(result.record.quarantined).toBe(partial ? 1 : 0);
    expectReconciled(result);
    expect(result.sessions.map((s) => s.rawLine)).toEqual(
      Array.from({ length: complete }, (_, i) => first + i),
    );
  });

  it('does not store a record cut in half by a gzip break as if it were whole', async () => {
    const ws = tempWorkspace();
    const whole = decode(
      fileOf(
        spec,
        Array.from({ length: 10 }, (_, i) => spec.good(i)),
      ),
    );
    const cutRecord = spec.good(10).slice(0, -2);
    // A raw deflate stream flushed (not finished) right after the cut record: gunzip yields exactly
    // the text up to there, then fails as on a file whose end is missing.
    const gzipHeader = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    const body = deflateRawSync(whole + cutRecord, { finishFlush: constants.Z_SYNC_FLUSH });
    const result = await importFile(
      ws.db,
      request(ws.write(`${spec.fileName}.gz`, Buffer.concat([gzipHeader, body]))),
    );
    expect(result.record.message).toMatch(/ends early or is corrupt/);
    expect(result.record).toMatchObject({ status: 'done', stored: 10, quarantined: 1 });
    expect(result.quarantine[0]!.line).toBe(first + 10);
    expectReconciled(result);
  });

  it('sorts 10 000 bad records interleaved with good ones (and some repeats) exactly', async () => {
    const ws = tempWorkspace();
    const kinds = Object.entries(spec.bad).filter(([kind]) => kind !== 'bigField');
    const lines: (string | Buffer)[] = [];
    const expectedBad: [number, string | RegExp][] = [];
    const expectedGood: number[] = [];
    let lineNo = first - 1;
    for (let i = 0; i < 10_000; i++) {
      lines.push(spec.good(i));
      expectedGood.push(++lineNo);
      if (i % 1000 === 999) {
        // An exact repeat: the same event again where the record names it (a duplicate), else
        // another event just like it (a session of its own).
        lines.push(spec.good(i));
        if (spec.namesEvents) lineNo++;
        else expectedGood.push(++lineNo);
      }
      const [, bad] = kinds[i % kinds.length]!;
      lines.push(bad.line);
      expectedBad.push([++lineNo, bad.reason]);
    }
    const result = await importFile(ws.db, request(ws.write(spec.fileName, fileOf(spec, lines))));
    expect(result.record).toMatchObject({
      status: 'done',
      rowsRead: 20_010,
      stored: spec.namesEvents ? 10_000 : 10_010,
      quarantined: 10_000,
      duplicates: spec.namesEvents ? 10 : 0,
    });
    expectReconciled(result);
    expect(result.sessions.map((s) => s.rawLine)).toEqual(expectedGood);
    expect(result.quarantine.map((q) => q.line)).toEqual(expectedBad.map(([line]) => line));
    const wrong = result.quarantine.filter((q, i) => {
      const reason = expectedBad[i]![1];
      return typeof reason === 'string' ? q.reason !== reason : !reason.test(q.reason);
    });
    expect(wrong).toEqual([]);
  });

  it('counts records already stored by an earlier import as duplicates', async () => {
    const ws = tempWorkspace();
    const range = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => spec.good(from + i));
    await importFile(ws.db, request(ws.write(`a-${spec.fileName}`, fileOf(spec, range(0, 10)))));
    const second = await importFile(
      ws.db,
      request(ws.write(`b-${spec.fileName}`, fileOf(spec, range(5, 15)))),
    );
    expect(second.record).toMatchObject({
      status: 'done',
      rowsRead: 10,
      stored: 5,
      duplicates: 5,
      quarantined: 0,
    });
    expectReconciled(second);
  });
});
