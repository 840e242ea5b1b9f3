// Where the active cell goes for a navigation key (null: the key does not move it).
export interface Cell {
  row: number;
  col: number;
}

const PAGE_ROWS = 15;

export function nextCell(key: string, ctrl: boolean, at: Cell, rows: number, cols: number): Cell | null {
  const target = (row: number, col: number): Cell => ({
    row: Math.min(Math.max(0, row), rows - 1),
    col: Math.min(Math.max(0, col), cols - 1),
  });
  switch (key) {
    case 'ArrowDown':
      return target(at.row + 1, at.col);
    case 'ArrowUp':
      return target(at.row - 1, at.col);
    case 'ArrowRight':
      return target(at.row, at.col + 1);
    case 'ArrowLeft':
      return target(at.row, at.col - 1);
    case 'PageDown':
      return target(at.row + PAGE_ROWS, at.col);
    case 'PageUp':
      return target(at.row - PAGE_ROWS, at.col);
    case 'Home':
      return target(ctrl ? 0 : at.row, 0);
    case 'End':
      return target(ctrl ? rows - 1 : at.row, cols - 1);
    default:
      return null;
  }
}
