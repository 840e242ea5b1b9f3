// An export that fails while writing (here the disk refuses more bytes: the file-size limit of the
// shell, EFBIG, as a full disk gives ENOSPC) says so and leaves nothing half-written: the file at
// --out is what it was before (a previous report stays whole) and no partial file is left beside
// it. Before, the export wrote straight into --out: the previous report was gone and the first
// 300 KB of a JSON array or STIX bundle, cut off mid-object, was left under its name.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, ingestedWith, runBuiltCli } from '../../helpers/built-cli.js';
import { CLI, createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
beforeAll(buildCliIfStale);

const SESSIONS = 600;
// Each export of the case is larger than this (KiB, as `ulimit -f` counts in bash), the database
// only read: only the export's own file reaches the limit.
const LIMIT_KIB = 64;

const ACCESS_LOG = Array.from(
  { length: SESSIONS },
  (_, i) =>
    `192.0.2.${1 + (i % 50)} - - [12/Feb/2024:10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000] "GET /page/${i}.html?q=${'a'.repeat(40)} HTTP/1.1" 200 512 "-" "Mozilla/5.0"`,
);

/** The built CLI run by bash under a file-size limit; exit code and stderr. */
function vigilLimited(...args: string[]): Promise<{ code: number; stderr: string }> {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', `ulimit -f ${LIMIT_KIB}; exec ${quoted}`],
      { encoding: 'utf8' },
      (error, _o, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

describe('vigil report when writing the file fails', () => {
  it.each(['json', 'csv', 'stix', 'html'])(
    '%s: says why, keeps the previous file whole and leaves no partial file',
    async (format) => {
      const dir = tempDir();
      const db = await ingestedWith(dir, 'access.log', `${ACCESS_LOG.join('\n')}\n`);
      const made = await runBuiltCli('case', 'create', '--title', 'all', '--filter', 'code:200', '--db', db);
      expect(made.code, made.stderr).toBe(0);
      const out = path.join(dir, 'exports', `case-1.${format}`);
      fs.mkdirSync(path.dirname(out));
      // The export fits without the limit: the limit is what makes it fail.
      const whole = await runBuiltCli('report', '--case', '1', '--format', format, '--out', out, '--db', db);
      expect(whole.code, whole.stderr).toBe(0);
      expect(fs.statSync(out).size).toBeGreaterThan(LIMIT_KIB * 1024);
      fs.writeFileSync(out, 'the previous report\n');

      const run = await vigilLimited('report', '--case', '1', '--format', format, '--out', out, '--db', db);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/EFBIG|too large/i);
      const kept = fs.readFileSync(out, 'utf8');
      expect({ bytes: kept.length, start: kept.slice(0, 40) }).toEqual({
        bytes: 20,
        start: 'the previous report\n',
      });
      expect(fs.readdirSync(path.dirname(out))).toEqual([`case-1.${format}`]);
    },
  );

  it.each(['stix', 'json'])(
    '%s: names the file it cannot write and why when the folder refuses it, and leaves nothing',
    async (format) => {
      const dir = tempDir();
      const db = await ingestedWith(dir, 'access.log', `${ACCESS_LOG.join('\n')}\n`);
      const made = await runBuiltCli('case', 'create', '--title', 'all', '--filter', 'code:200', '--db', db);
      expect(made.code, made.stderr).toBe(0);
      // Mode bits stop no root: there /sys, which takes no new file from anyone, stands for the folder.
      const folder = process.getuid?.() === 0 ? '/sys' : path.join(dir, 'read-only');
      if (folder !== '/sys') fs.mkdirSync(folder, { mode: 0o555 });
      const before = fs.readdirSync(folder);
      const out = path.join(folder, `case-1.${format}`);
      const run = await runBuiltCli('report', '--case', '1', '--format', format, '--out', out, '--db', db);
      expect(run.code).toBe(1);
      // Said of the file asked for, not of the hidden partial file the export writes first.
      const said = `vigil: Cannot write ${out}: `;
      expect(run.stderr.slice(0, said.length)).toBe(said);
      expect([
        'permission denied: this user cannot write there (EACCES).\n',
        'the file system is read-only (EROFS).\n',
      ]).toContain(run.stderr.slice(said.length));
      expect(fs.readdirSync(folder)).toEqual(before);
    },
  );
});
