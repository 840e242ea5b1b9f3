import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OperationFor, operations, operationsFor, type VigilService } from '../../src-shared/api.js';
import { callOperation } from '../../src-shared/call.js';
import { SourceTicket } from '../../src-shared/sources.js';
import { readJsonBody } from './body.js';
import { errorStatus } from './error-status.js';
import { sendAnswer, sendError } from './respond.js';

/**
 * What the served page may call, and so all this transport registers: operations that take a path
 * or an endpoint are the CLI's, and the browser uploads, downloads and uses its own CloudWatch forms.
 */
const SERVED: ReadonlySet<string> = new Set(operationsFor('served'));

function isServed(name: string): name is OperationFor<'served'> {
  return SERVED.has(name);
}

/**
 * `POST /api/<operation>`: the one HTTP choke point. The call goes through `callOperation`, as from
 * IPC and the CLI; the answer is `{ ok, value | error }`, with 400 for arguments that do not fit.
 */
export async function handleApiCall(
  service: VigilService,
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!isServed(name)) {
    // Own keys only: `constructor` or `__proto__` must not read as an operation.
    const offeredElsewhere = Object.hasOwn(operations, name);
    return sendError(
      res,
      404,
      offeredElsewhere
        ? `${name} is not offered to the page: it names a file or a host on this machine.`
        : `Unknown operation "${name}".`,
    );
  }
  if (req.method !== 'POST') return sendError(res, 405, `Call ${name} with POST.`);
  // A JSON content type cannot be sent cross-origin without a CORS preflight, which we never grant.
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    return sendError(res, 415, 'Send the arguments as application/json.');
  // Most calls are small; an operation that carries files (rules from the page) says how much more.
  const args = await readJsonBody(req, operations[name].bodyBytes ?? undefined);
  // A page that hangs up (reloaded, closed) has given its source question up: stop it on the engine
  // too, or a GROUP BY over the whole table would run on there for nobody.
  const ticket = name === 'cancelSourceQuery' ? undefined : ticketOf(args);
  if (ticket !== undefined)
    res.once('close', () => {
      if (!res.writableFinished) service.cancelSourceQuery({ ticket }).catch(() => undefined);
    });
  const outcome = await callOperation(service, name, args);
  if (outcome.ok) sendAnswer(res, 200, { ok: true, value: outcome.value });
  else if (outcome.invalid) sendError(res, 400, outcome.error);
  else sendError(res, errorStatus(outcome.thrown), outcome.error, outcome.refusal);
}

function ticketOf(args: unknown): string | undefined {
  const ticket = (args as { ticket?: unknown } | null)?.ticket;
  return SourceTicket.safeParse(ticket).success ? (ticket as string) : undefined;
}
