// The sessions table: windowed rows, server-side sort, an active cell moved by keyboard, copy cell
// (button, or c / Ctrl+C), a menu of pivots per cell (right-click, ⋯, or Shift+F10), and Enter or
// a click to open a session's detail.
import { type KeyboardEvent, type MouseEvent, useCallback, useLayoutEffect, useState } from 'react';
import type { Session } from '../../../src-shared/domain.js';
import { copyText } from '../../clipboard.js';
import { VirtualRows } from '../../components/VirtualRows.js';
import { CellMenu, type CellMenuState } from './CellMenu.js';
import { cellPivot } from './cell-pivots.js';
import { type Column, canSort, fittedWidths, gridTemplate } from './columns.js';
import { type Cell, nextCell } from './grid-keys.js';
import { SortHeader, type SortState } from './SortHeader.js';

export const ROW_HEIGHT = 30;

interface SessionsGridProps {
  columns: Column[];
  total: number;
  rowAt: (index: number) => Session | undefined;
  onRange: (first: number, last: number) => void;
  sort: SortState;
  onSort: (column: Column) => void;
  onSortRefused: (column: Column) => void;
  onOpen: (session: Session) => void;
  /** The session open in the drawer: its row is marked, as a mail client marks the open message. */
  openId?: number;
  /**
   * A row to go to (the open session's, when a link or a reload opened it): it becomes the active
   * row, and the table scrolls it to the middle of the frame. Gone to once per key.
   */
  revealRow?: { row: number; key: string } | null;
  /** Changes with the query: the table returns to the top. */
  resetKey: string;
  /**
   * Escape with the focus in the table (a second click on the open row leaves it there): closes the
   * drawer beside it. Unset while no drawer is open, so Escape does nothing here then.
   */
  onEscape?: () => void;
  /** Reports each copy ("Copied …" or the failure) for a status line. */
  onCopied: (message: string) => void;
  fallbackHeight?: number;
}

export function SessionsGrid(props: SessionsGridProps) {
  const { columns, total, rowAt } = props;
  const [active, setActive] = useState<Cell | null>(null);
  const [menu, setMenu] = useState<CellMenuState | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  // A new query invalidates the active cell. Reset while rendering (React's pattern for state that
  // follows a prop), not in an effect: the effect also ran on mount, after paint, and could undo
  // a key pressed before it ran (a test lost its first ArrowDown that way on a busy machine).
  const [activeQuery, setActiveQuery] = useState(props.resetKey);
  if (activeQuery !== props.resetKey) {
    setActiveQuery(props.resetKey);
    setActive(null);
    setMenu(null);
  }
  const [revealed, setRevealed] = useState<string | null>(null);
  if (props.revealRow && props.revealRow.key !== revealed && props.revealRow.row < total) {
    setRevealed(props.revealRow.key);
    setActive({ row: props.revealRow.row, col: 0 });
  }
  // The address columns widen to the longest value on screen (an IPv6 address is up to 39
  // characters): measured after each render, before paint, and kept until the query changes.
  // Rows stay one line high, so the virtual scrolling's fixed row height holds.
  const [fitted, setFitted] = useState({ key: props.resetKey, widths: {} as Record<string, number> });
  const grown = fitted.key === props.resetKey ? fitted.widths : {};
  const template = gridTemplate(columns, grown);
  useLayoutEffect(() => {
    const table = document.querySelector('[data-testid="sessions-table-grid"]');
    if (!table) return;
    const next = fittedWidths(
      columns,
      (id) =>
        [...table.querySelectorAll(`.vcell[data-col="${id}"] > .vcell-text`)].map(
          (text) => text.getBoundingClientRect().width,
        ),
      grown,
    );
    if (next) setFitted({ key: props.resetKey, widths: next });
  });

  const copyCell = async (cell: Cell) => {
    const session = rowAt(cell.row);
    const column = columns[cell.col];
    if (!session || !column) return;
    const value = column.text(session);
    const ok = await copyText(value);
    props.onCopied(
      ok ? `Copied ${column.label}: ${value}` : 'Copy failed: the clipboard is not available here',
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (total === 0) return;
    const at = active ?? { row: 0, col: 0 };
    const next = nextCell(event.key, event.ctrlKey || event.metaKey, at, total, columns.length);
    if (next) setActive(next);
    else if (event.key === 'Enter') {
      const session = rowAt(at.row);
      if (session) props.onOpen(session);
    } else if (event.key === 'Escape' && props.onEscape) props.onEscape();
    else if (event.key === 'c' && !event.altKey) void copyCell(at);
    else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      const cell = document.getElementById('sessions-active-cell')?.getBoundingClientRect();
      setActive(at);
      setMenu({ ...at, x: cell?.left ?? 0, y: cell?.bottom ?? 0 });
    } else return;
    event.preventDefault();
  };

  const header = (
    <tr className="vrow vrow-head" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
      {columns.map((column) => (
        <SortHeader
          key={column.id}
          column={column}
          sort={props.sort}
          sortable={canSort(column, total)}
          onSort={props.onSort}
          onRefused={props.onSortRefused}
        />
      ))}
    </tr>
  );

  const renderRow = (index: number, top: number) => {
    const session = rowAt(index);
    const style = { top, height: ROW_HEIGHT, gridTemplateColumns: template };
    if (!session)
      return (
        <tr key={index} className="vrow loading" aria-rowindex={index + 2} style={style}>
          <td className="vcell muted">Loading…</td>
        </tr>
      );
    const rowActive = active?.row === index;
    return (
      <tr
        key={index}
        className="vrow"
        aria-rowindex={index + 2}
        aria-selected={rowActive}
        style={style}
        data-session-id={session.id}
        data-open={session.id === props.openId || undefined}
        data-testid="session-row"
      >
        {columns.map((column, col) => {
          const isActive = rowActive && active?.col === col;
          const text = column.text(session);
          return (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the grid handles keys for the active cell.
            <td
              key={column.id}
              id={isActive ? 'sessions-active-cell' : undefined}
              className={`vcell${column.numeric ? ' num' : ''}${isActive ? ' active' : ''}${column.flags?.(session) ? ' flagged' : ''}`}
              title={text}
              data-col={column.id}
              onClick={() => {
                setActive({ row: index, col });
                props.onOpen(session);
              }}
              onContextMenu={(event) => {
                event.preventDefault();
                setActive({ row: index, col });
                setMenu({ row: index, col, x: event.clientX, y: event.clientY });
              }}
            >
              <span className="vcell-text">{text}</span>
              <button
                type="button"
                className="cell-menu-button"
                aria-label={`Actions for ${column.label}`}
                title="Filter for or out, open in graph, copy (Shift+F10)"
                data-testid="cell-menu-button"
                onClick={(event: MouseEvent<HTMLButtonElement>) => {
                  event.stopPropagation();
                  const box = event.currentTarget.getBoundingClientRect();
                  setActive({ row: index, col });
                  setMenu({ row: index, col, x: box.left, y: box.bottom });
                }}
              >
                <DotsIcon />
              </button>
              {isActive && (
                <button
                  type="button"
                  className="copy-cell"
                  aria-label={`Copy ${column.label}`}
                  title="Copy (c)"
                  data-testid="copy-cell"
                  onClick={(event) => {
                    event.stopPropagation();
                    void copyCell({ row: index, col });
                  }}
                >
                  <CopyIcon />
                </button>
              )}
            </td>
          );
        })}
      </tr>
    );
  };

  const menuSession = menu ? rowAt(menu.row) : undefined;
  const menuColumn = menu ? columns[menu.col] : undefined;
  return (
    <>
      <VirtualRows
        rowCount={total}
        rowHeight={ROW_HEIGHT}
        header={header}
        renderRow={renderRow}
        onRange={props.onRange}
        focusRow={active?.row ?? null}
        centreRow={props.revealRow}
        onKeyDown={onKeyDown}
        resetKey={props.resetKey}
        fallbackHeight={props.fallbackHeight}
        ariaLabel="Sessions"
        ariaColCount={columns.length}
        activeDescendant={active ? 'sessions-active-cell' : undefined}
        testId="sessions-table"
      />
      {menu && menuSession && menuColumn && (
        <CellMenu
          at={menu}
          label={menuColumn.label}
          pivot={cellPivot(menuColumn, menuSession)}
          onCopy={() => void copyCell(menu)}
          onClose={closeMenu}
        />
      )}
    </>
  );
}

/** Three dots (the menu), drawn so the cell's text stays exactly the value it shows. */
function DotsIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" className="dots-icon">
      <circle cx="3" cy="8" r="1.5" />
      <circle cx="8" cy="8" r="1.5" />
      <circle cx="13" cy="8" r="1.5" />
    </svg>
  );
}

/** Two overlapping sheets; drawn, not a font glyph, so it shows whatever fonts are installed. */
function CopyIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" className="copy-icon">
      <rect x="5" y="5" width="9" height="9" rx="1.5" />
      <path d="M11 3.5V3a1.5 1.5 0 0 0-1.5-1.5h-6A1.5 1.5 0 0 0 2 3v6a1.5 1.5 0 0 0 1.5 1.5H4" />
    </svg>
  );
}
