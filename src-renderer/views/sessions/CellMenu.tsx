// The pivots of one Sessions cell, opened by a right-click, the cell's ⋯ button, or the Menu key
// (Shift+F10): filter for or out the value, open the IP in the graph, copy. Escape, a pick or a
// click elsewhere closes it.
import { useEffect, useRef } from 'react';
import { openIpInGraph } from '../graph/open-in-graph.js';
import { applyPivot, type CellPivot } from './cell-pivots.js';

export interface CellMenuState {
  row: number;
  col: number;
  x: number;
  y: number;
}

interface CellMenuProps {
  at: { x: number; y: number };
  label: string;
  pivot: CellPivot;
  onCopy: () => void;
  onClose: () => void;
}

export function CellMenu({ at, label, pivot, onCopy, onClose }: CellMenuProps) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const away = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [onClose]);

  const { term, ip } = pivot;
  const filter = (negate: boolean) => () => {
    if (term) applyPivot(term, negate);
  };
  // A pivot selects the whole value, of a path or a user agent too (`path:=/login`).
  const items = [
    { id: 'filter-for', text: 'Filter for this value', run: filter(false), off: !term },
    { id: 'filter-out', text: 'Filter out this value', run: filter(true), off: !term },
    ...(ip ? [{ id: 'open-graph', text: 'Open IP in graph', run: () => openIpInGraph(ip), off: false }] : []),
    { id: 'copy', text: 'Copy', run: onCopy, off: false },
  ];
  return (
    <div
      ref={menu}
      className="cell-menu"
      role="menu"
      aria-label={`${label} actions`}
      data-testid="cell-menu"
      style={{ left: at.x, top: at.y }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
        else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') moveFocus(menu.current, event.key);
        else return;
        event.preventDefault();
        event.stopPropagation();
      }}
    >
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          disabled={item.off}
          title={item.off ? `${label} is no filter term, or this cell is empty` : undefined}
          data-testid={`cell-${item.id}`}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          {item.text}
        </button>
      ))}
    </div>
  );
}

function moveFocus(menu: HTMLElement | null, key: string) {
  const buttons = [...(menu?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = key === 'ArrowDown' ? at + 1 : at - 1;
  buttons[(next + buttons.length) % buttons.length]?.focus();
}
