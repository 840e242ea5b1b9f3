// `vigil preset save|list` in-process, against a real database file, then an import using the saved preset.
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerPreset } from '../../../src-main/cli/commands/preset.js';
import { getPreset, listPresets } from '../../../src-main/core/db/presets.js';
import { fixture, fixturePath } from '../../unit/ingest/fixtures.js';
import { importFile, tempWorkspace } from './harness.js';

async function vigil(...args: string[]): Promise<string> {
  const program = new Command('vigil').exitOverride();
  registerPreset(program);
  let out = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    out += `${parts.join(' ')}\n`;
  });
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'vigil', ...args]);
  } finally {
    log.mockRestore();
    write.mockRestore();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('vigil preset', () => {
  it('saves a valid preset, lists it, and an import can use it', async () => {
    const ws = tempWorkspace();
    const db = path.join(ws.dir, 'vigil.db');
    expect(await vigil('preset', 'list', '--db', db)).toMatch(/No mapping presets yet/);
    expect(await vigil('preset', 'save', fixturePath('proxy-preset.json'), '--db', db)).toMatch(
      /Saved mapping preset "proxy-csv" \(mapped-csv\)/,
    );
    await vigil('preset', 'save', fixturePath('zeek-preset.json'), '--db', db);
    const table = await vigil('preset', 'list', '--db', db);
    expect(table).toMatch(/proxy-csv\s+mapped-csv\s+iso\s+srcIp=client_ip dstIp=server_ip start=time/);
    expect(table).toMatch(/zeek-conn\s+mapped-jsonl\s+epoch-s/);
    const listed = JSON.parse(await vigil('preset', 'list', '--json', '--db', db));
    expect(listed.map((p: { name: string }) => p.name)).toEqual(['proxy-csv', 'zeek-conn']);
    expect(listed[0]).toEqual(JSON.parse(fixture('proxy-preset.json')));

    const preset = getPreset(ws.db, 'proxy-csv');
    const result = await importFile(ws.db, { file: fixturePath('proxy.csv'), preset });
    expect(result.record).toMatchObject({ format: 'mapped-csv', preset: 'proxy-csv', stored: 2 });
  });

  it('replaces a preset saved again under the same name', async () => {
    const ws = tempWorkspace();
    const db = path.join(ws.dir, 'vigil.db');
    await vigil('preset', 'save', fixturePath('proxy-preset.json'), '--db', db);
    const changed = { ...JSON.parse(fixture('proxy-preset.json')), timestampFormat: 'auto' };
    await vigil('preset', 'save', ws.write('p.json', JSON.stringify(changed)), '--db', db);
    expect(
      listPresets(ws.db).map((p) => [p.name, 'timestampFormat' in p ? p.timestampFormat : null]),
    ).toEqual([['proxy-csv', 'auto']]);
  });

  it('rejects an invalid preset, naming every bad field, and saves nothing', async () => {
    const ws = tempWorkspace();
    const db = path.join(ws.dir, 'vigil.db');
    const bad = ws.write(
      'bad.json',
      JSON.stringify({ name: '', format: 'cloudwatch-csv', columns: { start: 'ts' } }),
    );
    const error = await vigil('preset', 'save', bad, '--db', db).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `Invalid preset ${bad}:\n  name: Too small: expected string to have >=1 characters\n  format: Invalid option: expected one of "mapped-csv"|"mapped-jsonl"\n  columns.srcIp: Invalid input: expected string, received undefined`,
    );
    const notJson = ws.write('x.json', '{ name: ');
    await expect(vigil('preset', 'save', notJson, '--db', db)).rejects.toThrow(
      `Cannot read preset ${notJson}:`,
    );
    expect(listPresets(ws.db)).toEqual([]);
  });

  it('refuses keys it does not know, naming them and the allowed ones, rather than dropping them', async () => {
    const ws = tempWorkspace();
    const db = path.join(ws.dir, 'vigil.db');
    // A delimiter and two columns Vigil cannot map: saved without them, the import would have
    // read the file with commas and no method or user agent, and never said so.
    const extra = ws.write(
      'extra.json',
      JSON.stringify({
        name: 'fw',
        format: 'mapped-csv',
        delimiter: ';',
        columns: { srcIp: 'src', start: 'ts', method: 'verb', userAgent: 'ua' },
      }),
    );
    const error = await vigil('preset', 'save', extra, '--db', db).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `Invalid preset ${extra}:\n  columns: unknown keys "method", "userAgent" (allowed in columns: srcIp, dstIp, start, end, srcPort, dstPort, protocol, bytesIn, bytesOut, packets, responseCode, country, ruleName, detectionType, action, label)\n  (file): unknown key "delimiter" (allowed in a column preset: name, format, timestampFormat, columns)`,
    );
    const logFormat = ws.write(
      'log.json',
      JSON.stringify({ name: 'web', format: 'log-format', logFormat: 'combined', timestampFormat: 'iso' }),
    );
    const logError = await vigil('preset', 'save', logFormat, '--db', db).catch((e: Error) => e);
    expect((logError as Error).message).toBe(
      `Invalid preset ${logFormat}:\n  (file): unknown key "timestampFormat" (allowed in a log format preset: name, format, logFormat)`,
    );
    expect(listPresets(ws.db)).toEqual([]);
  });
});
