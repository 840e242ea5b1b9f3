// Tags in the case header: coloured chips with a remove button each, and a labelled field that
// suggests the existing tags and adds one on Enter; the case list filters by tag (through the address).
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaseHeader } from '../../src-renderer/views/cases/CaseHeader.js';
import { CasesView } from '../../src-renderer/views/cases/CasesView.js';
import type { CaseTag } from '../../src-shared/cases.js';
import { answers, calls } from './fake-api.js';
import { detailOf, fakeCase } from './fake-case.js';
import { withData } from './with-data.js';

vi.mock('../../src-renderer/api/index.js', () => import('./fake-api.js'));
// The case list is under test, not the detail panel (its IP graph needs WebGL).
vi.mock('../../src-renderer/views/cases/CaseDetailPanel.js', () => ({ CaseDetailPanel: () => null }));
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const flush = () => act(async () => {});
const callsOf = (name: string) => calls.filter((c) => c.name === name).map((c) => c.args);

const aCase = (tags: CaseTag[], id = 7, title = 'Night Owl') => fakeCase(id, { title, tags });

const EVIDENCE = { name: 'evidence', colour: '#3b82c4' };
const HOSTILE = { name: '<img src=x onerror="window.__pwned=1">', colour: 'red;background:url(x)' };

beforeEach(() => {
  calls.length = 0;
  answers.listTags = () => [
    { id: 1, name: 'evidence', colour: '#3b82c4', sessions: 2 },
    { id: 2, name: 'suspicious', colour: '#e08a2c', sessions: 1 },
  ];
});
afterEach(async () => {
  await flush();
  cleanup();
});

const chipNames = () => screen.queryAllByTestId('tag-chip').map((chip) => chip.firstChild?.textContent ?? '');

describe('case tags in the case header', () => {
  it('shows the tags as coloured chips, as text, and suggests the tags the case lacks', async () => {
    render(<CaseHeader c={aCase([EVIDENCE, HOSTILE])} onError={() => {}} />, withData);
    await flush();
    const chips = screen.getAllByTestId('tag-chip');
    expect(chipNames()).toEqual(['evidence', HOSTILE.name]);
    expect(chips[0]!.style.borderColor).toBe('#3b82c4');
    // A stored colour that is not #rrggbb never reaches a style; a hostile name stays text.
    expect(chips[1]!.getAttribute('style')).toBeNull();
    expect(screen.getByTestId('case-tags').querySelector('img')).toBeNull();
    const input = screen.getByLabelText('Add tag') as HTMLInputElement;
    const list = document.getElementById(input.getAttribute('list')!)!;
    expect([...list.querySelectorAll('option')].map((o) => o.value)).toEqual(['suspicious']);
    expect(screen.getByRole('button', { name: 'Remove tag evidence' })).toBeTruthy();
  });

  it('adds a tag from the field (Enter) and removes one with its button', async () => {
    const errors: string[] = [];
    answers.tagCase = (args: { tags: string[]; on: boolean }) =>
      detailOf(
        aCase(
          args.on
            ? [EVIDENCE, { name: args.tags[0]!, colour: '#8e5cc2' }]
            : [{ name: 'c2', colour: '#8e5cc2' }],
        ),
      );
    render(<CaseHeader c={aCase([EVIDENCE])} onError={(m) => errors.push(m)} />, withData);
    await flush();
    const input = screen.getByLabelText('Add tag') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '  c2 ' } });
    await act(async () => void fireEvent.submit(input.closest('form')!));
    expect(callsOf('tagCase')).toEqual([{ caseId: 7, tags: ['c2'], on: true }]);
    expect(chipNames()).toEqual(['evidence', 'c2']);
    expect(input.value).toBe('');

    // An empty field adds nothing.
    await act(async () => void fireEvent.submit(input.closest('form')!));
    expect(callsOf('tagCase')).toHaveLength(1);

    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Remove tag evidence' })));
    expect(callsOf('tagCase')[1]).toEqual({ caseId: 7, tags: ['evidence'], on: false });
    expect(chipNames()).toEqual(['c2']);
    expect(errors).toEqual([]);
  });

  it('says why when the core refuses a tag, and keeps the text', async () => {
    const errors: string[] = [];
    answers.tagCase = () => {
      throw new Error('No case with id 7.');
    };
    render(<CaseHeader c={aCase([])} onError={(m) => errors.push(m)} />, withData);
    await flush();
    const input = screen.getByLabelText('Add tag') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'evidence' } });
    await act(async () => void fireEvent.submit(input.closest('form')!));
    expect(errors).toEqual(['No case with id 7.']);
    expect(input.value).toBe('evidence');
    expect(chipNames()).toEqual([]);
  });
});

describe('case list', () => {
  it('filters by tag and shows each case with its tags', async () => {
    window.location.hash = '#/cases';
    const one = aCase([EVIDENCE], 1, 'One');
    const two = aCase([], 2, 'Two');
    answers.listCases = (args: { tag?: string }) => (args.tag === 'evidence' ? [one] : [one, two]);
    answers.getCase = ({ id }: { id: number }) => detailOf(id === 1 ? one : two);
    render(<CasesView />, withData);
    await flush();
    const list = await screen.findByTestId('case-list');
    expect(
      within(list)
        .getAllByRole('link')
        .map((a) => a.textContent?.slice(0, 3)),
    ).toEqual(['One', 'Two']);
    expect(
      within(list)
        .getAllByTestId('tag-chip')
        .map((c) => c.textContent),
    ).toEqual(['evidence']);
    const filter = screen.getByLabelText('Tag') as HTMLSelectElement;
    expect([...filter.options].map((o) => o.value)).toEqual(['', 'evidence', 'suspicious']);
    await act(async () => void fireEvent.change(filter, { target: { value: 'evidence' } }));
    // The choice is written into the address, which the view follows on its hashchange (a task).
    expect(window.location.hash).toBe('#/cases?tag=evidence');
    await waitFor(() => expect(callsOf('listCases').at(-1)).toEqual({ tag: 'evidence' }));
    await flush();
    expect(
      within(list)
        .getAllByRole('link')
        .map((a) => a.textContent?.slice(0, 3)),
    ).toEqual(['One']);
  });
});
