// The one list of the filter terms only the local workspace can answer (src-shared/filter/
// workspace-only.ts): what it says about each, how a page takes such a term out of the filter
// text, and that the README's ClickHouse section names exactly these terms.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFilterOrThrow } from '../../../src-shared/filter/parse.js';
import {
  WORKSPACE_ONLY_TERM_NAMES,
  withoutTerm,
  workspaceOnlyMessage,
  workspaceOnlyTermOf,
} from '../../../src-shared/filter/workspace-only.js';

const README = new URL('../../../README.md', import.meta.url);

describe('the workspace-only terms', () => {
  it('are found in a filter, negated or not, the first one named', () => {
    expect(workspaceOnlyTermOf(parseFilterOrThrow('country:US path:/a'))).toBeNull();
    expect(workspaceOnlyTermOf(undefined)).toBeNull();
    expect(workspaceOnlyTermOf(parseFilterOrThrow('country:US -verdict:none sigma:x'))).toBe('verdict');
    expect(workspaceOnlyTermOf(parseFilterOrThrow('"sigma:x" score'))).toBeNull();
  });

  it('each says what it reads and the two ways on', () => {
    expect(workspaceOnlyMessage('sigma')).toBe(
      'sigma: is known only in the local workspace (detection rule hits): pull the rows first, then filter by sigma, or remove the term.',
    );
    expect(workspaceOnlyMessage('kind')).toMatch(
      /^kind: is known only in the local workspace \(threat-type models\)/,
    );
  });

  it('are taken out of the filter text, every one of the term, the rest kept as typed', () => {
    expect(withoutTerm('country:US sigma:sql', 'sigma')).toBe('country:US');
    expect(
      withoutTerm('sigma:sql  -SIGMA:"SQL injection" path:=/a,/b "free text"  -level:>=high', 'sigma'),
    ).toBe('path:=/a,/b "free text" -level:>=high');
    // Free text that reads like the term, quoted, is no term.
    expect(withoutTerm('"sigma:x" verdict:none', 'sigma')).toBe('"sigma:x" verdict:none');
    // An alias is its term.
    expect(withoutTerm('status:5xx ua:curl', 'code')).toBe('ua:curl');
    expect(withoutTerm('sigma:x', 'sigma')).toBe('');
    // Text that does not scan is left alone.
    expect(withoutTerm('sigma:"open', 'sigma')).toBe('sigma:"open');
    for (const text of ['country:US sigma:sql', '-level:>=high country:US code:4xx'])
      expect(parseFilterOrThrow(withoutTerm(text, 'sigma'))).toEqual(
        parseFilterOrThrow(text).filter((clause) => clause.field !== 'sigma'),
      );
  });

  it("are the terms the README's ClickHouse section says a source cannot answer", () => {
    const text = fs.readFileSync(README, 'utf8');
    const start = text.indexOf('- **Terms a source cannot answer**');
    const bullet = text.slice(start, text.indexOf('\n- **', start + 1));
    const named = bullet.slice(0, bullet.indexOf('Pull the rows first'));
    expect([...named.matchAll(/`([a-z]+):`/g)].map((m) => m[1]).sort()).toEqual(
      [...WORKSPACE_ONLY_TERM_NAMES].sort(),
    );
  });
});
