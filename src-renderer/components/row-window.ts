// Which rows of a long list are on screen, for a scroll position. Browsers cap an element's height
// (Chromium near 33 M px, Firefox near 17 M px), so past MAX_SPACER_PX the scrollbar is scaled:
// the spacer stays at the cap and a scroll position maps proportionally onto the full list.
export const MAX_SPACER_PX = 8_000_000;

export interface RowWindow {
  /** Height of the scrollable spacer, in px. */
  spacer: number;
  /** First and last row index to render (inclusive); last < first when there are no rows. */
  first: number;
  last: number;
  /** Where row `i` goes inside the spacer: top(i) = offset + i * rowHeight. */
  offset: number;
}

export function rowWindow(
  rowCount: number,
  rowHeight: number,
  viewport: number,
  scrollTop: number,
  overscan = 4,
): RowWindow {
  const full = rowCount * rowHeight;
  const spacer = Math.min(full, MAX_SPACER_PX);
  const maxScroll = Math.max(0, spacer - viewport);
  const fullMax = Math.max(0, full - viewport);
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  const logicalTop = maxScroll > 0 ? top * (fullMax / maxScroll) : 0;
  const first = Math.max(0, Math.floor(logicalTop / rowHeight) - overscan);
  const last = Math.min(rowCount - 1, Math.ceil((logicalTop + viewport) / rowHeight) + overscan);
  return { spacer, first, last, offset: top - logicalTop };
}

/** The scroll position that brings row `index` into view (unchanged when it already is). */
export function scrollTopFor(
  index: number,
  rowCount: number,
  rowHeight: number,
  viewport: number,
  scrollTop: number,
): number {
  const { offset } = rowWindow(rowCount, rowHeight, viewport, scrollTop, 0);
  const rowTop = offset + index * rowHeight;
  if (rowTop >= scrollTop && rowTop + rowHeight <= scrollTop + viewport) return scrollTop;
  // Aim the logical position so the row sits at the top (moving up) or the bottom (moving down).
  const logical = rowTop < scrollTop ? index * rowHeight : index * rowHeight + rowHeight - viewport;
  return scrollTopAt(logical, rowCount, rowHeight, viewport);
}

/**
 * The scroll position that shows row `index` in the middle of the frame (or as near as the ends of
 * the list allow): for a row gone to from elsewhere, which the eye then finds with rows on both sides.
 */
export function scrollTopCentring(
  index: number,
  rowCount: number,
  rowHeight: number,
  viewport: number,
): number {
  return scrollTopAt(index * rowHeight + rowHeight / 2 - viewport / 2, rowCount, rowHeight, viewport);
}

/** The scroll position of a logical one (px into the full list), through the scaled scrollbar. */
function scrollTopAt(logical: number, rowCount: number, rowHeight: number, viewport: number): number {
  const full = rowCount * rowHeight;
  const spacer = Math.min(full, MAX_SPACER_PX);
  const maxScroll = Math.max(0, spacer - viewport);
  const fullMax = Math.max(0, full - viewport);
  const clamped = Math.min(Math.max(0, logical), fullMax);
  return fullMax > 0 ? clamped * (maxScroll / fullMax) : 0;
}
