import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VigilEvent } from '../../../src-shared/api.js';
import { callApi, type Harness, SAMPLE, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ keepAliveMs: 50 });
});
afterAll(() => h.close());

interface EventStream {
  /** Resolves with the first message (data line or comment) that matches. */
  next(match: (block: string) => boolean): Promise<string>;
  events: VigilEvent[];
  close(): void;
}

/** Opens /api/events and resolves once the server has accepted the subscription. */
function openEvents(port: number, headers: Record<string, string>): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/events', headers }, (res) => {
      if (res.statusCode !== 200 || !res.headers['content-type']?.startsWith('text/event-stream'))
        return reject(new Error(`/api/events answered ${res.statusCode} ${res.headers['content-type']}`));
      const events: VigilEvent[] = [];
      const waiters: { match: (block: string) => boolean; resolve: (block: string) => void }[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith('data: ')) events.push(JSON.parse(block.slice(6)));
          for (const waiter of waiters.filter((w) => w.match(block))) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(block);
          }
          end = buffer.indexOf('\n\n');
        }
      });
      resolve({
        events,
        next: (match) => new Promise((resolveNext) => waiters.push({ match, resolve: resolveNext })),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

describe('GET /api/events', () => {
  it('streams job-progress events of an import as it runs, through to done', async () => {
    const stream = await openEvents(h.server.port, h.auth);
    const done = stream.next((block) => block.includes('"state":"done"'));
    const changed = stream.next((block) => block.includes('"data-changed"'));
    // As after an upload: the server granted the page this one file.
    const reply = await callApi(h, 'importFiles', { grants: [h.core.fileGrants.issue(SAMPLE).id] });
    const { jobIds } = (reply.json() as { value: { jobIds: string[] } }).value;
    const last = JSON.parse((await done).slice(6)) as VigilEvent;
    await changed;
    stream.close();

    expect(last).toMatchObject({
      type: 'job-progress',
      job: { jobId: jobIds[0], state: 'done', fraction: 1 },
    });
    if (last.type !== 'job-progress') throw new Error('unreachable');
    expect(last.job.counts).toMatchObject({ stored: 282 });
    const states = stream.events.flatMap((e) => (e.type === 'job-progress' ? [e.job.state] : []));
    expect(states[0]).toBe('queued');
    expect(states).toContain('running');
    expect(stream.events.at(-1)).toEqual({ type: 'data-changed', reason: 'import' });
  });

  it('sends keep-alive comments while idle', async () => {
    const stream = await openEvents(h.server.port, h.auth);
    const comment = await stream.next((block) => block.startsWith(':'));
    stream.close();
    expect(comment).toBe(': keep-alive');
  });
});
