import type { IncomingMessage } from 'node:http';

export const JSON_BODY_LIMIT = 1024 * 1024;
/** How much of a rejected body we read and discard so the client can still read our answer. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a JSON body of at most `limit` bytes; an empty body reads as `{}`. Event listeners rather
 * than `for await`, because leaving an async iterator early destroys the socket we still answer on.
 */
export function readJsonBody(req: IncomingMessage, limit = JSON_BODY_LIMIT): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return reject(tooLarge(limit));
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      cleanup();
      reject(tooLarge(limit));
    };
    const onEnd = () => {
      cleanup();
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new HttpError(400, 'The request body is not valid JSON.'));
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `The request body is larger than ${Math.round(limit / 1024)} KiB.`);
}

/**
 * Calls `answer` once the rest of the request body has been read and thrown away. Closing a socket
 * the client is still writing to makes its kernel reset the connection, and the reset can discard
 * our error answer before the client reads it. Past DRAIN_LIMIT we give up and drop the connection.
 */
export function answerAfterDrain(req: IncomingMessage, answer: () => void): void {
  if (req.complete) {
    answer();
    return;
  }
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) req.destroy();
  });
  req.once('end', answer);
  req.resume();
}
