// A refusal the caller can act on: the caller asked what cannot be answered as asked, and no retry
// will change that. Its answer names the kind beside the message (the contract's error envelope,
// src-shared/api.ts `Answer`), so a page can offer the fix instead of "Ask again" and HTTP answers
// it with a 4xx (server/error-status.ts), not a 500. Over IPC the kind rides in the envelope too;
// the CLI says the message and exits 1.
import { z } from 'zod';
import {
  WORKSPACE_ONLY_TERM_NAMES,
  type WorkspaceOnlyTerm,
  workspaceOnlyMessage,
} from './filter/workspace-only.js';

export const Refusal = z.discriminatedUnion('kind', [
  /** A filter term a remote source cannot answer (src-shared/filter/workspace-only.ts). */
  z.object({ kind: z.literal('workspace-only-term'), term: z.enum(WORKSPACE_ONLY_TERM_NAMES) }),
]);
export type Refusal = z.infer<typeof Refusal>;
export type RefusalKind = Refusal['kind'];

/** Thrown by the core for a refusal; each face turns it into its answer (the envelope, a 4xx, a line). */
export class RefusedError extends Error {
  constructor(
    readonly refusal: Refusal,
    message: string,
  ) {
    super(message);
    this.name = 'RefusedError';
  }
}

/** What a refusal says: the same words from the core and from a page that saw it before asking. */
export function refusalMessage(refusal: Refusal): string {
  return workspaceOnlyMessage(refusal.term);
}

export function workspaceOnlyTermError(term: WorkspaceOnlyTerm): RefusedError {
  const refusal: Refusal = { kind: 'workspace-only-term', term };
  return new RefusedError(refusal, refusalMessage(refusal));
}

/** The refusal an error carries, or null for any other failure. */
export function refusalOf(error: unknown): Refusal | null {
  return error instanceof RefusedError ? error.refusal : null;
}
