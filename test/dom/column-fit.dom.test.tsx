// Columns sized to show their values whole. The DOM has no layout here, so each text's width is
// stubbed as 7.5 px a character (about the app's 13 px font) and the test checks the sizing decision:
// the Sessions grid's track list, and where a Triage address may break.
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { breakableAddress } from '../../src-renderer/components/BreakableAddress.js';
import { COLUMNS } from '../../src-renderer/views/sessions/columns.js';
import { SessionsGrid } from '../../src-renderer/views/sessions/SessionsGrid.js';
import type { Session } from '../../src-shared/domain.js';
import { fakeSession } from './fake-session.js';

const LONGEST_V6 = '2001:0db8:85a3:0000:0000:8a2e:0370:7334';
const PX_PER_CHAR = 7.5;
const columns = COLUMNS.filter((column) => ['startTs', 'srcIp', 'dstIp'].includes(column.id));

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const width = this.classList.contains('vcell-text') ? (this.textContent ?? '').length * PX_PER_CHAR : 0;
    return { x: 0, y: 0, top: 0, left: 0, bottom: 30, right: width, width, height: 30, toJSON: () => ({}) };
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function grid(rows: Session[], resetKey: string) {
  return (
    <SessionsGrid
      columns={columns}
      total={rows.length}
      rowAt={(index) => rows[index]}
      onRange={() => {}}
      sort={{ field: 'startTs', direction: 'desc' }}
      onSort={() => {}}
      onSortRefused={() => {}}
      onOpen={() => {}}
      resetKey={resetKey}
      onCopied={() => {}}
      fallbackHeight={600}
    />
  );
}

const tracks = (container: HTMLElement) =>
  (container.querySelector('.vrow-head') as HTMLElement).style.gridTemplateColumns;

describe('Sessions table address columns', () => {
  it('widen to the longest address on screen, header and rows alike, and stay one row high', () => {
    const rows = [
      fakeSession(1, { srcIp: '2001:db8::1' }),
      fakeSession(2, { srcIp: LONGEST_V6 }),
      fakeSession(3, { srcIp: '10.0.0.3' }),
    ];
    const { container } = render(grid(rows, 'q1'));
    // 39 characters (292.5 px) + the cell's padding and ⋯ button (36 px); the IPv4 column keeps 150.
    expect(tracks(container)).toBe('160px 329px 150px');
    for (const row of container.querySelectorAll<HTMLElement>('[data-testid="session-row"]')) {
      expect(row.style.gridTemplateColumns).toBe('160px 329px 150px');
      expect(row.style.height).toBe('30px');
    }
  });

  it('keep their width for IPv4 addresses, and go back to it for a new query', () => {
    const { container, rerender } = render(grid([fakeSession(1, { srcIp: LONGEST_V6 })], 'q1'));
    expect(tracks(container)).toBe('160px 329px 150px');
    rerender(grid([fakeSession(2, { srcIp: '255.255.255.255' })], 'q2'));
    expect(tracks(container)).toBe('160px 150px 150px');
  });
});

describe('Triage queue addresses', () => {
  it('may break an IPv6 address after each colon, and show it unchanged', () => {
    const { container } = render(<span>{breakableAddress(LONGEST_V6)}</span>);
    expect(container.textContent).toBe(LONGEST_V6);
    expect(container.querySelectorAll('wbr')).toHaveLength(7);
  });

  it('never breaks an IPv4 address', () => {
    const { container } = render(<span>{breakableAddress('203.0.113.7')}</span>);
    expect(container.textContent).toBe('203.0.113.7');
    expect(container.querySelectorAll('wbr')).toHaveLength(0);
  });
});
