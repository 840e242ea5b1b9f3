import { z } from 'zod';
import { Refusal, RefusedError } from '../../src-shared/refusal.js';

const Envelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.looseObject({ ok: z.literal(false), error: z.string() }),
]);

/**
 * Unwraps the server's `{ ok, value | error }` answer, turning every failure into a readable Error:
 * a RefusedError when the answer names a refusal's kind (src-shared/refusal.ts), so a view can
 * offer its fix rather than asking again.
 */
export function unwrapAnswer(status: number, text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`The Vigil server answered ${status} without a readable message.`);
  }
  return unwrapEnvelope(body, `The Vigil server answered ${status} in an unexpected shape.`);
}

/**
 * An answer envelope's value, or its failure thrown as unwrapAnswer does: the one reading of an
 * answer for both transports (the Electron preload hands the page the envelope itself).
 */
export function unwrapEnvelope(
  body: unknown,
  unexpected = 'Vigil answered in an unexpected shape.',
): unknown {
  const answer = Envelope.safeParse(body);
  if (!answer.success) throw new Error(unexpected);
  if (answer.data.ok) return answer.data.value;
  const refusal = Refusal.safeParse(answer.data);
  throw refusal.success ? new RefusedError(refusal.data, answer.data.error) : new Error(answer.data.error);
}
