// `vigil stats` on a log that does not record a volume (an access log has the response's bytes,
// never the request's): it says the volume is not in the logs instead of printing a sum of 0.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, ingestedWith, runBuiltCli } from '../../helpers/built-cli.js';
import { CLOUDWATCH_HEADER, cloudwatchRow } from '../../helpers/cloudwatch-rows.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
beforeAll(buildCliIfStale);
const vigil = runBuiltCli;

const ACCESS_LOG = [
  '192.0.2.1 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '192.0.2.2 - - [12/Feb/2024:10:00:01 +0000] "GET /missing HTTP/1.1" 404 0 "-" "curl/8.5.0"',
];

const imported = (name: string, text: string) => ingestedWith(tempDir(), name, text);

describe('vigil stats and the volumes a log records', () => {
  it('says bytes in are not in an access log, and still sums its bytes out (0 included)', async () => {
    const db = await imported('access.log', `${ACCESS_LOG.join('\n')}\n`);
    const text = await vigil('stats', '--db', db);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^bytes in +— \(not in these logs\) *$/m);
    expect(text.stdout).toMatch(/^bytes out +512$/m);
    const json = JSON.parse((await vigil('stats', '--db', db, '--json')).stdout);
    expect(json).toMatchObject({ bytesIn: 0, bytesInRecorded: false, bytesOut: 512, bytesOutRecorded: true });
  });

  it('prints both sums for a log that records both', async () => {
    const db = await imported('cw.csv', `${CLOUDWATCH_HEADER}\n${cloudwatchRow(0)}\n${cloudwatchRow(1)}\n`);
    const json = JSON.parse((await vigil('stats', '--db', db, '--json')).stdout);
    expect(json).toMatchObject({ bytesInRecorded: true, bytesOutRecorded: true });
    const text = (await vigil('stats', '--db', db)).stdout;
    expect(text).toMatch(new RegExp(`^bytes in +${json.bytesIn}$`, 'm'));
    expect(text).not.toContain('not in these logs');
  });
});
