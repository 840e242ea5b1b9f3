import { describe, expect, it } from 'vitest';
import {
  MAX_SPACER_PX,
  rowWindow,
  scrollTopCentring,
  scrollTopFor,
} from '../../../src-renderer/components/row-window.js';

describe('rowWindow', () => {
  it('renders the rows in view plus the overscan, placed at their own offset', () => {
    const view = rowWindow(1000, 30, 300, 3000, 4);
    expect(view).toEqual({ spacer: 30_000, first: 96, last: 114, offset: 0 });
  });

  it('renders nothing for no rows, and clamps at the end', () => {
    expect(rowWindow(0, 30, 300, 0).last).toBeLessThan(0);
    const end = rowWindow(50, 30, 300, 99_999);
    expect(end.last).toBe(49);
    expect(end.first).toBe(36);
  });

  it('scales the scrollbar past the browser height cap, reaching the last row at the bottom', () => {
    const rows = 10_000_000;
    const bottom = MAX_SPACER_PX - 600;
    const view = rowWindow(rows, 30, 600, bottom, 0);
    expect(view.spacer).toBe(MAX_SPACER_PX);
    expect(view.last).toBe(rows - 1);
    // The last row ends exactly at the bottom of the viewport.
    expect(view.offset + rows * 30).toBeCloseTo(bottom + 600, 3);
    const middle = rowWindow(rows, 30, 600, bottom / 2, 0);
    expect(middle.first).toBeGreaterThan(rows / 2 - 30);
    expect(middle.first).toBeLessThan(rows / 2);
  });

  it('scrolls just enough to bring a row into view, in both modes', () => {
    expect(scrollTopFor(5, 1000, 30, 300, 0)).toBe(0);
    expect(scrollTopFor(20, 1000, 30, 300, 0)).toBe(21 * 30 - 300);
    expect(scrollTopFor(2, 1000, 30, 300, 600)).toBe(60);
    const rows = 10_000_000;
    const top = scrollTopFor(rows / 2, rows, 30, 600, 0);
    const view = rowWindow(rows, 30, 600, top, 0);
    const rowTop = view.offset + (rows / 2) * 30;
    expect(rowTop).toBeGreaterThanOrEqual(top - 1e-6);
    expect(rowTop + 30).toBeLessThanOrEqual(top + 600 + 1e-6);
  });

  it('centres a row gone to from elsewhere, as near as the ends of the list allow, in both modes', () => {
    expect(scrollTopCentring(100, 1000, 30, 300)).toBe(100 * 30 + 15 - 150);
    expect(scrollTopCentring(2, 1000, 30, 300)).toBe(0);
    expect(scrollTopCentring(999, 1000, 30, 300)).toBe(1000 * 30 - 300);
    const rows = 10_000_000;
    const top = scrollTopCentring(rows / 2, rows, 30, 600);
    const view = rowWindow(rows, 30, 600, top, 0);
    const rowMiddle = view.offset + (rows / 2) * 30 + 15;
    expect(rowMiddle - top).toBeCloseTo(300, 3);
  });
});
