import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/service.js';
import { CurrentCore } from '../../../src-main/electron/current-core.js';
import { loadSettings, saveSettings } from '../../../src-main/electron/settings.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

describe('desktop settings', () => {
  it('round-trips, and reads a missing or damaged file as defaults', () => {
    const dir = tempDir();
    expect(loadSettings(dir)).toEqual({});
    saveSettings(dir, { databasePath: '/data/case.db' });
    expect(loadSettings(dir)).toEqual({ databasePath: '/data/case.db' });
    fs.writeFileSync(path.join(dir, 'settings.json'), '{ not json');
    expect(loadSettings(dir)).toEqual({});
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"databasePath": 42}');
    expect(loadSettings(dir)).toEqual({});
  });

  it('keeps the analyst’s CloudWatch endpoint when the app saves the database it opened; a bad one is ignored', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ cloudWatchEndpoint: 'http://127.0.0.1:4566', databasePath: '/data/a.db' }),
    );
    saveSettings(dir, { databasePath: '/data/b.db' });
    expect(loadSettings(dir)).toEqual({
      cloudWatchEndpoint: 'http://127.0.0.1:4566',
      databasePath: '/data/b.db',
    });
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ cloudWatchEndpoint: 'file:///etc/passwd', databasePath: '/data/a.db' }),
    );
    expect(loadSettings(dir)).toEqual({ databasePath: '/data/a.db' });
  });
});

describe('the current core', () => {
  it('forwards the events of whichever database is open', async () => {
    const dir = tempDir();
    const current = new CurrentCore((dbPath) => createCore({ dbPath }), path.join(dir, 'a.db'));
    const seen: string[] = [];
    current.events.on('event', (event) =>
      seen.push(event.type === 'data-changed' ? event.reason : event.type),
    );
    await current.switchTo(path.join(dir, 'b.db'));
    expect(current.dbPath).toBe(path.join(dir, 'b.db'));
    await current.service.loadSample({});
    await expect.poll(() => seen.includes('job-progress')).toBe(true);
    expect(seen[0]).toBe('database-opened');
    const [job] = await current.service.listJobs({});
    await expect
      .poll(async () => (await current.service.jobStatus({ jobId: job!.jobId })).state, { timeout: 30_000 })
      .toBe('done');
    await current.close();
  });
});
