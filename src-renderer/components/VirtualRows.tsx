// A scroll frame that renders only the rows on screen (plus a few), so a million-row list costs
// the same as a screenful. Rows are absolutely placed inside a spacer; the header stays sticky.
import { type KeyboardEvent, type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { rowWindow, scrollTopCentring, scrollTopFor } from './row-window.js';

interface VirtualRowsProps {
  rowCount: number;
  rowHeight: number;
  /** Sticky header content (rendered above the rows, same height as a row). */
  header: ReactNode;
  /** One row; `top` is its offset inside the spacer, to be set as the row's `top` style. */
  renderRow: (index: number, top: number) => ReactNode;
  /** The rows now on screen (inclusive), for the data layer to fetch. */
  onRange?: (first: number, last: number) => void;
  /** Scrolls back to the top whenever it changes (a new filter or sort). */
  resetKey?: string;
  /** A row to keep in view (keyboard navigation); null for none. */
  focusRow?: number | null;
  /** A row to bring to the middle of the frame, once per key (one gone to from elsewhere). */
  centreRow?: { row: number; key: string } | null;
  onKeyDown?: (event: KeyboardEvent<HTMLTableElement>) => void;
  /** Used before layout is measurable (and in DOM tests without layout). */
  fallbackHeight?: number;
  ariaLabel: string;
  ariaColCount: number;
  activeDescendant?: string;
  testId?: string;
}

export function VirtualRows(props: VirtualRowsProps) {
  const { rowCount, rowHeight, onRange, focusRow, centreRow, resetKey } = props;
  const frame = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(props.fallbackHeight ?? 600);

  useLayoutEffect(() => {
    const el = frame.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => el.clientHeight > 0 && setHeight(el.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The header takes one row's height at the top of the frame.
  const viewport = Math.max(rowHeight, height - rowHeight);
  const view = rowWindow(rowCount, rowHeight, viewport, scrollTop);

  useEffect(() => {
    if (view.last >= view.first) onRange?.(view.first, view.last);
  }, [view.first, view.last, onRange]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey is the trigger.
  useEffect(() => {
    if (frame.current) frame.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);

  useEffect(() => {
    const el = frame.current;
    if (focusRow === null || focusRow === undefined || !el) return;
    const next = scrollTopFor(focusRow, rowCount, rowHeight, viewport, el.scrollTop);
    if (next !== el.scrollTop) {
      el.scrollTop = next;
      setScrollTop(next);
    }
  }, [focusRow, rowCount, rowHeight, viewport]);

  // After the focus row's effect, which has only brought the row to the frame's edge. The frame is
  // measured here: on a table's first commit `height` is still the fallback (the measure's update
  // comes after), and the row was centred in 600 px of a taller frame, four rows above its middle.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is the trigger; once per key.
  useEffect(() => {
    const el = frame.current;
    if (!centreRow || !el || centreRow.row >= rowCount) return;
    const shown = el.clientHeight > 0 ? Math.max(rowHeight, el.clientHeight - rowHeight) : viewport;
    const next = scrollTopCentring(centreRow.row, rowCount, rowHeight, shown);
    el.scrollTop = next;
    setScrollTop(next);
  }, [centreRow?.key]);

  const rows: ReactNode[] = [];
  for (let i = view.first; i <= view.last; i++) rows.push(props.renderRow(i, view.offset + i * rowHeight));

  // A real <table> (rows and cells keep their semantics) laid out as blocks and grid rows, so rows
  // can be placed absolutely; the outer frame scrolls.
  return (
    <div
      ref={frame}
      className="vrows"
      data-testid={props.testId}
      data-rows-rendered={rows.length}
      data-first-row={view.first}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <table
        className="vrows-table"
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the APG grid pattern, a table whose active cell the keyboard moves.
        role="grid"
        aria-label={props.ariaLabel}
        aria-rowcount={rowCount + 1}
        aria-colcount={props.ariaColCount}
        aria-activedescendant={props.activeDescendant}
        tabIndex={0}
        onKeyDown={props.onKeyDown}
        data-testid={props.testId ? `${props.testId}-grid` : undefined}
      >
        <thead className="vrows-head" style={{ height: rowHeight }}>
          {props.header}
        </thead>
        <tbody className="vrows-body" style={{ height: view.spacer }}>
          {rows}
        </tbody>
      </table>
    </div>
  );
}
