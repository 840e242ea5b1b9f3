// The benches drive a served `vigil` over kept-alive connections while they run CLI commands of
// minutes (`vigil train`, `vigil score`). A bench whose event loop froze during such a command never
// saw the server close the idle connection, sent its next request into the dead socket and died
// with `fetch failed … other side closed` (issue 16). These check the two halves of the fix.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs bench helper without types
import { apiCaller, serve, vigil } from '../../../bench/vigil-process.mjs';
import { CLI } from '../../helpers/temp.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-client-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the benches’ CLI and API client', () => {
  it('runs a CLI command without freezing the event loop, so open connections are still served', async () => {
    expect(fs.existsSync(CLI), 'run npm run build first').toBe(true);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const running = vigil('generate', '--rows', '20000', '--seed', '1', '--out', path.join(dir, 'a.csv'));
      expect(running).toBeInstanceOf(Promise);
      await running;
    } finally {
      clearInterval(timer);
    }
    // The child takes well over 100 ms to start Node and write 20 000 rows.
    expect(ticks).toBeGreaterThan(10);
    await expect(
      vigil('ingest', '--db', path.join(dir, 'x.db'), path.join(dir, 'missing.csv')),
    ).rejects.toThrow(/^vigil ingest .*: exit [1-9]/s);
  });

  it('signs in with the one-time link and keeps calling over a connection the server closed meanwhile', async () => {
    const db = path.join(dir, 'served.db');
    await vigil('stats', '--db', db, '--json');
    const server = await serve(db);
    try {
      const call = apiCaller(server.url);
      expect(await call('listImports')).toEqual([]);
      // Past the server's keep-alive timeout (5 s): it closes the idle connection; the client notices.
      await new Promise((resolve) => setTimeout(resolve, 6000));
      expect(await call('listImports')).toEqual([]);
    } finally {
      await server.stop();
    }
  }, 30_000);
});
