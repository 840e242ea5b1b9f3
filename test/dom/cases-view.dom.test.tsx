import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown, parseBlocks } from '../../src-renderer/views/cases/markdown.js';
import { caseHash, parseCaseRoute, withCaseList } from '../../src-renderer/views/cases/useCaseRoute.js';

afterEach(cleanup);

describe('case summary Markdown', () => {
  it('renders the safe subset', () => {
    render(
      <Markdown
        source={
          '# Scan\n\nSeen **twice** from *one* host `1.2.3.4`.\n\n- first\n- second\n\n```\nraw <line>\n```'
        }
      />,
    );
    const box = screen.getByTestId('case-summary');
    expect(box.querySelector('h3')?.textContent).toBe('Scan');
    expect(box.querySelector('strong')?.textContent).toBe('twice');
    expect(box.querySelector('em')?.textContent).toBe('one');
    expect(box.querySelector('code')?.textContent).toBe('1.2.3.4');
    expect([...box.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['first', 'second']);
    expect(box.querySelector('pre')?.textContent).toBe('raw <line>');
  });

  it('shows hostile markup and links as text, never as elements', () => {
    const hostile =
      '<img src=x onerror="window.__pwned=1"> [click](javascript:alert(1)) <script>alert(1)</script>';
    render(<Markdown source={`**${hostile}**`} />);
    const box = screen.getByTestId('case-summary');
    expect(box.querySelector('img, script, a')).toBeNull();
    expect(box.textContent).toBe(hostile);
  });

  it('splits blocks the way an analyst writes them', () => {
    expect(parseBlocks('one\ntwo\n\n## Two\n* a')).toEqual([
      { kind: 'paragraph', text: 'one two' },
      { kind: 'heading', level: 2, text: 'Two' },
      { kind: 'list', items: ['a'] },
    ]);
  });
});

describe('case routes', () => {
  it('reads the list, one case, and a new case filled from an IP, a selection or the filter', () => {
    expect(parseCaseRoute('#/cases')).toEqual({ kind: 'list', list: {} });
    expect(parseCaseRoute('#/cases/12')).toEqual({ kind: 'case', id: 12, list: {} });
    expect(parseCaseRoute('#/cases/new?ip=198.51.100.7&ip=2001%3Adb8%3A%3A1&session=4&session=x')).toEqual({
      kind: 'new',
      ips: ['198.51.100.7', '2001:db8::1'],
      sessionIds: [4],
      withFilter: false,
      list: {},
    });
    expect(parseCaseRoute('#/cases/new?filter=1')).toEqual({
      kind: 'new',
      ips: [],
      sessionIds: [],
      withFilter: true,
      list: {},
    });
  });

  it('keeps the case list filter in every kind of address, and ignores a status it does not know', () => {
    expect(parseCaseRoute('#/cases?status=closed&tag=web%20shell')).toEqual({
      kind: 'list',
      list: { status: 'closed', tag: 'web shell' },
    });
    expect(parseCaseRoute('#/cases/7?tag=phishing')).toEqual({
      kind: 'case',
      id: 7,
      list: { tag: 'phishing' },
    });
    expect(parseCaseRoute('#/cases/new?ip=10.0.0.1&status=in_progress')).toMatchObject({
      kind: 'new',
      ips: ['10.0.0.1'],
      list: { status: 'in_progress' },
    });
    expect(parseCaseRoute('#/cases?status=done&tag=')).toEqual({ kind: 'list', list: {} });
  });

  it('writes the list filter into an address without touching the rest of it', () => {
    expect(caseHash(12)).toBe('#/cases/12');
    expect(caseHash(12, { status: 'open', tag: 'a&b' })).toBe('#/cases/12?status=open&tag=a%26b');
    expect(parseCaseRoute(caseHash(12, { status: 'open', tag: 'a&b' }))).toEqual({
      kind: 'case',
      id: 12,
      list: { status: 'open', tag: 'a&b' },
    });
    expect(withCaseList('#/cases/new?ip=10.0.0.1&session=4&status=open', { tag: 'x' })).toBe(
      '#/cases/new?ip=10.0.0.1&session=4&tag=x',
    );
    expect(withCaseList('#/cases?status=open&tag=x', {})).toBe('#/cases');
  });
});
