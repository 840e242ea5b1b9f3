import { z } from 'zod';

const Envelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** Unwraps the server's `{ ok, value | error }` answer, turning every failure into a readable Error. */
export function unwrapAnswer(status: number, text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`The Vigil server answered ${status} without a readable message.`);
  }
  const answer = Envelope.safeParse(body);
  if (!answer.success) throw new Error(`The Vigil server answered ${status} in an unexpected shape.`);
  if (!answer.data.ok) throw new Error(answer.data.error);
  return answer.data.value;
}
