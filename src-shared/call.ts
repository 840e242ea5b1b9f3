// One way to turn a caller's raw input into an answer, for every face: the app page over IPC, the
// served page over HTTP, and the CLI. The arguments are parsed by the operation's schema (defaults
// applied), the service answers, and a failure comes back as a message, never a stack. Which
// operations a face may reach is decided before this, by what it registers (`operationsFor`).
import { z } from 'zod';
import { type OperationName, operations, type VigilService } from './api.js';
import { type Refusal, refusalOf } from './refusal.js';

export type CallOutcome =
  | { ok: true; value: unknown }
  /** The arguments did not fit the operation's schema: the caller's mistake (`issues` say where). */
  | { ok: false; error: string; invalid: true; issues: z.core.$ZodIssue[] }
  /**
   * The service refused or failed; `thrown` lets a transport choose its status (HTTP), `refusal`
   * names a refusal the caller can act on (its answer's kind), null for any other failure.
   */
  | { ok: false; error: string; invalid: false; thrown: unknown; refusal: Refusal | null };

export async function callOperation(
  service: VigilService,
  name: OperationName,
  raw: unknown,
): Promise<CallOutcome> {
  const parsed = (operations[name].args as z.ZodType).safeParse(raw ?? {});
  if (!parsed.success)
    return {
      ok: false,
      invalid: true,
      issues: parsed.error.issues,
      error: `Invalid arguments for ${name}: ${z.prettifyError(parsed.error)}`,
    };
  try {
    const call = service[name] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await call(parsed.data) };
  } catch (thrown) {
    // The message only: a stack would tell a page about our files and is no use to the analyst.
    return {
      ok: false,
      invalid: false,
      thrown,
      refusal: refusalOf(thrown),
      error: thrown instanceof Error ? thrown.message : String(thrown),
    };
  }
}
