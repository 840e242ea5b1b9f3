// The page reads a refusal's kind from the server's answer (serve mode): a RefusedError the views
// offer the fix for, instead of a plain failure with "Ask again".
import { describe, expect, it } from 'vitest';
import { unwrapAnswer } from '../../../src-renderer/api/answer.js';
import { workspaceOnlyMessage } from '../../../src-shared/filter/workspace-only.js';
import { RefusedError } from '../../../src-shared/refusal.js';

const thrown = (status: number, body: unknown): unknown => {
  try {
    unwrapAnswer(status, JSON.stringify(body));
  } catch (error) {
    return error;
  }
  return null;
};

describe('unwrapAnswer', () => {
  it('turns a named refusal into a RefusedError with the server message', () => {
    const error = thrown(422, {
      ok: false,
      error: workspaceOnlyMessage('verdict'),
      kind: 'workspace-only-term',
      term: 'verdict',
    });
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as RefusedError).refusal).toEqual({ kind: 'workspace-only-term', term: 'verdict' });
    expect((error as RefusedError).message).toBe(workspaceOnlyMessage('verdict'));
  });

  it('keeps any other failure, and a kind it does not know, a plain Error', () => {
    for (const body of [
      { ok: false, error: 'No source named "x".' },
      { ok: false, error: 'later kind', kind: 'something-new' },
      { ok: false, error: 'not a term', kind: 'workspace-only-term', term: 'path' },
    ]) {
      const error = thrown(500, body);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(RefusedError);
      expect((error as Error).message).toBe(body.error);
    }
    expect(unwrapAnswer(200, JSON.stringify({ ok: true, value: 3 }))).toBe(3);
  });
});
