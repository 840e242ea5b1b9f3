// Exports for a browser over real HTTP: `POST /api/download` renders into the download store and
// answers a one-time address; `GET /download/<id>` sends it as an attachment once, behind the same
// cookie and Host/Origin checks as the API, byte for byte what `vigil report` writes.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerReport } from '../../../src-main/cli/commands/report.js';
import { DownloadStore } from '../../../src-main/server/download-store.js';
import { operations } from '../../../src-shared/api.js';
import type { PreparedDownload } from '../../../src-shared/reports.js';
import { insertSessions } from '../../helpers/insert-sessions.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempDirs } from '../../helpers/temp.js';
import { callApi, type Harness, type Reply, request, startHarness } from './harness.js';

let h: Harness;
let caseId: number;
let cookie: string;
const tempDir = createTempDirs();

beforeAll(async () => {
  h = await startHarness();
  const ids = insertSessions(h.core.db, [
    { startTs: 1_700_000_000_000, srcIp: '203.0.113.9', dstIp: '10.0.0.1', ruleName: '=HYPERLINK("x")' },
    { startTs: 1_700_000_060_000, srcIp: '203.0.113.9', dstIp: '10.0.0.2', country: 'NL' },
    { startTs: 1_700_000_120_000, srcIp: '198.51.100.7', dstIp: '10.0.0.1' },
  ]);
  const created = await h.core.service.createCase(
    operations.createCase.args.parse({
      title: 'Night <Owl>',
      ips: ['203.0.113.9'],
      sessionIds: ids.slice(0, 2),
    }),
  );
  caseId = created.case.id;
  cookie = h.auth.Cookie!;
});
afterAll(() => h.close());
// Every download is deleted once sent (its folder goes as the response closes).
afterEach(() => expect.poll(waiting).toEqual([]));

const downloadDir = () => path.join(h.dir, 'downloads');
/** Export folders still waiting in the store (each download has one). */
const waiting = () => (fs.existsSync(downloadDir()) ? fs.readdirSync(downloadDir()) : []);

async function prepare(args: unknown, headers: Record<string, string> = { Cookie: cookie }): Promise<Reply> {
  return request(h.server.port, '/api/download', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(args),
  });
}

async function prepared(args: unknown): Promise<PreparedDownload> {
  const reply = await prepare(args);
  expect(reply.status, reply.text).toBe(200);
  return (reply.json() as { value: PreparedDownload }).value;
}

/** What `vigil report` writes for the same export, read back. */
async function cliReport(format: string): Promise<string> {
  const out = path.join(tempDir(), `cli.${format}`);
  const run = await runCli(
    [registerReport],
    ['report', '--db', h.core.db.name, '--case', String(caseId), '--format', format, '--out', out],
  );
  expect(run.error).toBeNull();
  return fs.readFileSync(out, 'utf8');
}

describe('browser downloads', () => {
  it.each(['csv', 'json'])(
    'send the %s export once, as an attachment, identical to `vigil report`',
    async (format) => {
      const offer = await prepared({ caseId, format });
      expect(offer.url).toMatch(/^\/download\/[\w-]{43}$/);
      expect(offer).toMatchObject({ name: `case-${caseId}.${format}`, sessions: 2 });
      expect(waiting()).toHaveLength(1);

      const reply = await request(h.server.port, offer.url, { headers: { Cookie: cookie } });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe(
        format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      );
      expect(reply.headers['content-disposition']).toBe(`attachment; filename="case-${caseId}.${format}"`);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['cache-control']).toBe('no-store');
      expect(Number(reply.headers['content-length'])).toBe(offer.bytes);
      expect(reply.text).toBe(await cliReport(format));

      await expect.poll(waiting).toEqual([]);
      expect(fs.existsSync(downloadDir())).toBe(true);
      const again = await request(h.server.port, offer.url, { headers: { Cookie: cookie } });
      expect(again.status).toBe(404);
    },
  );

  it('send the HTML report as `vigil report` writes it, generation time aside', async () => {
    const offer = await prepared({ caseId, format: 'html' });
    const reply = await request(h.server.port, offer.url, { headers: { Cookie: cookie } });
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    // Generation time and ECharts' per-render class names are the only parts that differ between runs.
    const undated = (html: string) =>
      html.replace(/generated [^ <]+/, 'generated WHEN').replace(/zr\d+-cls-\d+/g, 'zr-cls');
    expect(reply.text).toContain('Night &lt;Owl&gt;');
    expect(undated(reply.text)).toBe(undated(await cliReport('html')));
  });

  it('refuse a browser without the cookie, and do not use the download up doing so', async () => {
    const offer = await prepared({ caseId, format: 'csv' });
    const anonymous = await request(h.server.port, offer.url);
    expect(anonymous.status).toBe(401);
    expect(waiting()).toHaveLength(1);
    const signedIn = await request(h.server.port, offer.url, { headers: { Cookie: cookie } });
    expect(signedIn.status).toBe(200);
  });

  it('refuse other origins and hosts (DNS rebinding)', async () => {
    const offer = await prepared({ caseId, format: 'csv' });
    const foreign = await request(h.server.port, offer.url, {
      headers: { Cookie: cookie, Origin: 'http://attacker.example' },
    });
    expect(foreign.status).toBe(403);
    const rebound = await request(h.server.port, offer.url, {
      headers: { Cookie: cookie, Host: `attacker.example:${h.server.port}` },
    });
    expect(rebound.status).toBe(403);
    const crossPrepare = await prepare(
      { caseId, format: 'csv' },
      { Cookie: cookie, Origin: 'http://127.0.0.1:1' },
    );
    expect(crossPrepare.status).toBe(403);
    expect((await request(h.server.port, offer.url, { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it('answer 404 for an unknown or malformed id, and 405 for anything but GET', async () => {
    for (const target of [
      `/download/${'A'.repeat(43)}`,
      '/download/..%2F..%2Fx.db',
      '/download/',
      '/download/__proto__',
    ])
      expect((await request(h.server.port, target, { headers: { Cookie: cookie } })).status, target).toBe(
        404,
      );
    const offer = await prepared({ caseId, format: 'csv' });
    const posted = await request(h.server.port, offer.url, { method: 'POST', headers: { Cookie: cookie } });
    expect(posted.status).toBe(405);
    expect((await request(h.server.port, offer.url, { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it('are the only way a browser exports: exportReport, which names a server path, is refused', async () => {
    const target = path.join(h.dir, 'written-by-a-page.csv');
    const reply = await callApi(h, 'exportReport', { caseId, format: 'csv', path: target });
    expect(reply.status).toBe(404);
    expect((reply.json() as { error: string }).error).toMatch(/not offered to the page: it names a file/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('validate the export asked for and keep nothing when it fails', async () => {
    expect((await prepare({ format: 'html' })).status).toBe(400);
    expect((await prepare({ caseId, format: 'docx' })).status).toBe(400);
    expect((await prepare({ caseId, format: 'csv' }, {})).status).toBe(401);
    const missing = await prepare({ caseId: 9999, format: 'html' });
    expect(missing.status).toBe(500);
    expect((missing.json() as { error: string }).error).toMatch(/9999/);
    expect(waiting()).toEqual([]);
  });
});

describe('PDF downloads', () => {
  it('are printed by headless Chromium', async () => {
    const offer = await prepared({ caseId, format: 'pdf' });
    const reply = await request(h.server.port, offer.url, { headers: { Cookie: cookie } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/pdf');
    expect(reply.headers['content-disposition']).toBe(`attachment; filename="case-${caseId}.pdf"`);
    expect(reply.text.startsWith('%PDF-')).toBe(true);
  }, 60_000);

  it('say how to get Chromium when there is none', async () => {
    const before = process.env.VIGIL_CHROMIUM;
    process.env.VIGIL_CHROMIUM = path.join(h.dir, 'no-such-chromium');
    try {
      const reply = await prepare({ caseId, format: 'pdf' });
      expect(reply.status).toBe(500);
      expect((reply.json() as { error: string }).error).toMatch(
        /^PDF export needs Chromium: apt-get install chromium, or use the HTML report\./,
      );
      expect(waiting()).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.VIGIL_CHROMIUM;
      else process.env.VIGIL_CHROMIUM = before;
    }
  });
});

describe('the download store', () => {
  it('deletes a download nobody fetched once its time is up', async () => {
    const store = new DownloadStore(tempDir(), 50);
    const file = store.newFile('case-1.csv');
    fs.writeFileSync(file, 'x');
    const id = store.offer({ file, name: 'case-1.csv', contentType: 'text/csv' });
    // rm removes the file, then its folder: wait for the folder, or the check races the removal.
    await expect.poll(() => fs.existsSync(path.dirname(file)), { timeout: 2000 }).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
    expect(store.take(id)).toBeNull();
  });

  it('removes what a crashed server left behind, and empties itself on close', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, '999999999-gone'), { recursive: true });
    const store = new DownloadStore(dir);
    expect(fs.readdirSync(dir)).toEqual([]);
    const file = store.newFile('a.csv');
    fs.writeFileSync(file, 'x');
    store.offer({ file, name: 'a.csv', contentType: 'text/csv' });
    store.close();
    return expect.poll(() => fs.readdirSync(dir)).toEqual([]);
  });
});
