// A bound on the TLS handshake of an https:// source. The official client bounds a request only by
// its request timeout (minutes), and a server that does not speak TLS may never answer a
// ClientHello: ClickHouse's plain HTTP port reads the random bytes as the start of a request line
// and, about one time in ten, waits for the rest of it (it never comes). Every socket the client
// opens therefore goes through this agent, which gives it up when its handshake has not finished
// in time, with an error server-errors.ts words as "does not answer https".
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';

/** The error code of a handshake that did not finish in time. */
export const TLS_HANDSHAKE_TIMEOUT = 'ETLSHANDSHAKETIMEOUT';

/** How long a server may take to finish a TLS handshake (a healthy one takes milliseconds). */
export const TLS_HANDSHAKE_MS = 10_000;

/**
 * The client's own https agent (keep-alive, at most `maxSockets` sockets: its defaults), whose
 * sockets are destroyed with TLS_HANDSHAKE_TIMEOUT when their handshake outlasts `timeoutMs`.
 */
export function boundedHandshakeAgent(timeoutMs = TLS_HANDSHAKE_MS, maxSockets = 10): https.Agent {
  return new BoundedHandshakeAgent(timeoutMs, { keepAlive: true, maxSockets });
}

class BoundedHandshakeAgent extends https.Agent {
  constructor(
    private readonly timeoutMs: number,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    // Node's https agent opens a TLS socket (tls.connect); its handshake is what is bounded here.
    const socket = super.createConnection(options, callback) as TLSSocket | null | undefined;
    if (!socket) return socket;
    const timer = setTimeout(() => {
      socket.destroy(
        Object.assign(new Error(`TLS handshake not finished in ${this.timeoutMs} ms`), {
          code: TLS_HANDSHAKE_TIMEOUT,
        }),
      );
    }, this.timeoutMs);
    const settled = () => clearTimeout(timer);
    socket.once('secureConnect', settled);
    socket.once('close', settled);
    return socket;
  }
}
