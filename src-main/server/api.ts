import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { type OperationName, operations, type VigilService } from '../../src-shared/api.js';
import { readJsonBody } from './body.js';
import { sendAnswer, sendError } from './respond.js';

function isOperation(name: string): name is OperationName {
  // Own keys only: `constructor` or `__proto__` must not reach the service.
  return Object.hasOwn(operations, name);
}

/**
 * Operations that write to a path named by the caller. Over HTTP that path is on the server, not
 * the browser user's machine, and naming any file the server may write is more reach than a page
 * needs: browsers get exports through `POST /api/download` instead.
 */
const SERVER_PATH_WRITES: ReadonlySet<OperationName> = new Set(['exportReport']);

/**
 * `POST /api/<operation>`: the one HTTP choke point. Arguments are parsed by the same schema the
 * Electron IPC uses; the answer is `{ ok, value | error }`. Errors carry a message, never a stack.
 */
export async function handleApiCall(
  service: VigilService,
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!isOperation(name)) return sendError(res, 404, `Unknown operation "${name}".`);
  if (req.method !== 'POST') return sendError(res, 405, `Call ${name} with POST.`);
  if (SERVER_PATH_WRITES.has(name))
    return sendError(res, 403, `${name} writes on the server machine; a browser downloads exports instead.`);
  // A JSON content type cannot be sent cross-origin without a CORS preflight, which we never grant.
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    return sendError(res, 415, 'Send the arguments as application/json.');
  const body = await readJsonBody(req);
  const parsed = operations[name].args.safeParse(body);
  if (!parsed.success)
    return sendError(res, 400, `Invalid arguments for ${name}: ${z.prettifyError(parsed.error)}`);
  try {
    const call = service[name] as (args: unknown) => Promise<unknown>;
    sendAnswer(res, 200, { ok: true, value: await call(parsed.data) });
  } catch (error) {
    sendError(res, 500, error instanceof Error ? error.message : String(error));
  }
}
