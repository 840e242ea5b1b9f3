import type { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { VigilEvent } from '../../src-shared/api.js';
import { SECURITY_HEADERS } from './respond.js';

/** A client that falls this far behind is dropped; EventSource reconnects and reloads state. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** `GET /api/events`: core events as server-sent events, one JSON `VigilEvent` per message. */
export class EventStreams {
  private readonly clients = new Set<ServerResponse>();
  private readonly timer: NodeJS.Timeout;
  private readonly forward = (event: VigilEvent) => this.broadcast(`data: ${JSON.stringify(event)}\n\n`);

  constructor(
    private readonly source: EventEmitter<{ event: [VigilEvent] }>,
    keepAliveMs: number,
  ) {
    source.on('event', this.forward);
    // Comments keep idle connections open through proxies and let both sides notice a dead peer.
    this.timer = setInterval(() => this.broadcast(': keep-alive\n\n'), keepAliveMs);
    this.timer.unref();
  }

  open(res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  close(): void {
    clearInterval(this.timer);
    this.source.off('event', this.forward);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private broadcast(chunk: string): void {
    for (const res of this.clients) {
      if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
      else res.write(chunk);
    }
  }
}
