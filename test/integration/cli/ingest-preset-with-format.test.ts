// `vigil ingest --map PRESET --format ID`: a preset names its own format, so a --format beside it
// would read the file as that format while the import record named the preset (every row
// quarantined, exit 0); so would --format beside --log-format. Refused before any job starts, as --map with --log-format is, by the
// import operation itself, which the app's and the served page's importFiles call too.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { registerIngest } from '../../../src-main/cli/commands/ingest.js';
import { registerPreset } from '../../../src-main/cli/commands/preset.js';
import { createCore } from '../../../src-main/core/service.js';
import { callOperation } from '../../../src-shared/call.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const LINE = '203.0.113.5 [10/Oct/2024:13:55:36 +0000] "GET /a HTTP/1.1" 200 612\n';
const REFUSED = 'Give a format or a saved preset, not both: the preset names its own format';

describe('a saved preset with a format', () => {
  it('is refused by vigil ingest, and nothing is imported', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'vigil.db');
    const log = path.join(dir, 'access.log');
    fs.writeFileSync(log, LINE);
    const saved = await runCli(
      [registerPreset],
      ['preset', 'log-format', 'mine', '%h %t "%r" %>s %b', '--db', db],
    );
    expect(saved.error).toBeNull();
    const run = await runCli(
      [registerIngest],
      ['ingest', log, '--map', 'mine', '--format', 'combined', '--db', db, '--no-enrich'],
    );
    expect(run.error?.message).toBe(REFUSED);
    const store = new Database(db, { readonly: true });
    try {
      expect(store.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
    const inline = await runCli(
      [registerIngest],
      ['ingest', log, '--log-format', '%h %t "%r" %>s %b', '--format', 'combined', '--db', db, '--no-enrich'],
    );
    expect(inline.error?.message).toBe(
      'Give a format or a log format string, not both: the string is the format',
    );
    // The preset alone reads the line.
    const alone = await runCli(
      [registerIngest],
      ['ingest', log, '--map', 'mine', '--db', db, '--no-enrich', '--json'],
    );
    expect(JSON.parse(alone.stdout)[0]).toMatchObject({ status: 'done', stored: 1, quarantined: 0 });
  });

  it('is refused by the import operation the pages call through', async () => {
    const dir = tempDir();
    const core = createCore({ dbPath: path.join(dir, 'vigil.db'), enrich: false });
    try {
      const refused = await callOperation(core.service, 'startImport', {
        paths: [path.join(dir, 'access.log')],
        format: 'combined',
        preset: 'mine',
      });
      expect(refused).toMatchObject({ ok: false, error: REFUSED });
    } finally {
      await core.close();
    }
  });
});
