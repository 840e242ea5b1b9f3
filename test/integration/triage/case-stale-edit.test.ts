// Two analysts (or two tabs) edit one case: the second save must not silently overwrite what the
// first wrote since the second began editing. The summary is an analyst's write-up of the case;
// losing it to a stale draft is losing evidence without a word.
import { describe, expect, it } from 'vitest';
import { getCase } from '../../../src-main/core/db/cases.js';
import { createCase, updateCase } from '../../../src-main/core/triage/case-actions.js';
import { workspace } from './harness.js';

const newCase = (db: ReturnType<typeof workspace>['db']) =>
  createCase(db, 'ana', {
    title: 'Beacon',
    severity: 'high',
    summary: 'first draft',
    sessionIds: [],
    ips: [],
  });

describe('a case edited from a stale copy', () => {
  it('refuses a summary edited from a text someone has changed since, and keeps theirs', () => {
    const ws = workspace();
    const id = newCase(ws.db);
    // Both tabs open the editor on "first draft"; Bo saves first.
    updateCase(ws.db, 'bo', { id, summary: 'Bo: C2 confirmed', was: { summary: 'first draft' } });
    expect(() =>
      updateCase(ws.db, 'ana', { id, summary: 'first draft, and more', was: { summary: 'first draft' } }),
    ).toThrow(/summary of case \d+ was changed by bo at \S+Z since you began editing it: yours is not saved/);
    expect(getCase(ws.db, id)?.summary).toBe('Bo: C2 confirmed');
  });

  it('refuses a title renamed from a stale one, and takes an edit from the current text', () => {
    const ws = workspace();
    const id = newCase(ws.db);
    updateCase(ws.db, 'bo', { id, title: 'Beacon to 203.0.113.9', was: { title: 'Beacon' } });
    expect(() => updateCase(ws.db, 'ana', { id, title: 'Beacon (C2)', was: { title: 'Beacon' } })).toThrow(
      /title of case \d+ was changed by bo/,
    );
    updateCase(ws.db, 'ana', { id, title: 'Beacon (C2)', was: { title: 'Beacon to 203.0.113.9' } });
    expect(getCase(ws.db, id)?.title).toBe('Beacon (C2)');
  });

  it('still takes a severity or status change from a stale page (it names its one field)', () => {
    const ws = workspace();
    const id = newCase(ws.db);
    updateCase(ws.db, 'bo', { id, summary: 'Bo: C2 confirmed', was: { summary: 'first draft' } });
    updateCase(ws.db, 'ana', { id, status: 'closed' });
    expect(getCase(ws.db, id)).toMatchObject({ status: 'closed', summary: 'Bo: C2 confirmed' });
  });

  it('refuses a status or severity set from a page that showed another one (another tab closed it)', () => {
    const ws = workspace();
    const id = newCase(ws.db);
    // Both tabs show the case open; Bo closes it, then Ana's stale page picks "in progress".
    updateCase(ws.db, 'bo', { id, status: 'closed', was: { status: 'open' } });
    expect(() => updateCase(ws.db, 'ana', { id, status: 'in_progress', was: { status: 'open' } })).toThrow(
      /status of case \d+ was changed by bo at \S+Z since your page showed it: yours is not saved/,
    );
    updateCase(ws.db, 'bo', { id, severity: 'low', was: { severity: 'high' } });
    expect(() => updateCase(ws.db, 'ana', { id, severity: 'critical', was: { severity: 'high' } })).toThrow(
      /severity of case \d+ was changed by bo/,
    );
    expect(getCase(ws.db, id)).toMatchObject({ status: 'closed', severity: 'low' });
    // From the value the case holds now, the change is taken.
    updateCase(ws.db, 'ana', { id, status: 'open', was: { status: 'closed' } });
    expect(getCase(ws.db, id)?.status).toBe('open');
  });
});
