/**
 * The grid's keyboard map as one declarative table: which key does what in which mode.
 * The component looks keys up here and never hard-codes them.
 */
export type Mode = 'nav' | 'edit';

export type Action =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'next'
  | 'prev'
  | 'rowStart'
  | 'rowEnd'
  | 'first'
  | 'last'
  | 'edit'
  | 'type'
  | 'commit'
  | 'commitNext'
  | 'commitPrev'
  | 'cancel'
  | 'discard';

export interface KeyBinding {
  mode: Mode;
  key: string;
  shift?: boolean;
  ctrl?: boolean;
  action: Action;
  /** Shown in the grid's help line. */
  help?: string;
}

export const KEYMAP: readonly KeyBinding[] = [
  { mode: 'nav', key: 'ArrowUp', action: 'up' },
  { mode: 'nav', key: 'ArrowDown', action: 'down' },
  { mode: 'nav', key: 'ArrowLeft', action: 'left' },
  { mode: 'nav', key: 'ArrowRight', action: 'right', help: 'Arrows move' },
  { mode: 'nav', key: 'Tab', action: 'next' },
  { mode: 'nav', key: 'Tab', shift: true, action: 'prev' },
  { mode: 'nav', key: 'Home', action: 'rowStart' },
  { mode: 'nav', key: 'End', action: 'rowEnd' },
  { mode: 'nav', key: 'Home', ctrl: true, action: 'first' },
  { mode: 'nav', key: 'End', ctrl: true, action: 'last' },
  { mode: 'nav', key: 'Enter', action: 'edit', help: 'Enter/F2 edit' },
  { mode: 'nav', key: 'F2', action: 'edit' },
  { mode: 'nav', key: 'Escape', action: 'discard', help: 'Esc drops a refused value' },
  { mode: 'edit', key: 'Enter', action: 'commit', help: 'Enter save' },
  { mode: 'edit', key: 'Tab', action: 'commitNext' },
  { mode: 'edit', key: 'Tab', shift: true, action: 'commitPrev' },
  { mode: 'edit', key: 'Escape', action: 'cancel', help: 'Esc cancel' },
];

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The action for a key press in a mode, or undefined when the grid should let it through. */
export function actionFor(event: KeyLike, mode: Mode, keymap: readonly KeyBinding[] = KEYMAP): Action | undefined {
  const ctrl = Boolean(event.ctrlKey || event.metaKey);
  const shift = Boolean(event.shiftKey);
  const bound = keymap.find(
    (b) => b.mode === mode && b.key === event.key && Boolean(b.shift) === shift && Boolean(b.ctrl) === ctrl,
  );
  if (bound) return bound.action;
  // As in a spreadsheet, typing a character on a cell starts editing it with that character.
  if (mode === 'nav' && event.key.length === 1 && !ctrl && !event.altKey) return 'type';
  return undefined;
}

export interface Cursor {
  row: number;
  col: number;
}

/** Where the cursor goes for a movement action, kept inside the grid; other actions keep it. */
export function moveCursor(at: Cursor, action: Action, size: { rows: number; cols: number }): Cursor {
  const lastRow = Math.max(0, size.rows - 1);
  const lastCol = Math.max(0, size.cols - 1);
  const clamp = (row: number, col: number): Cursor => ({
    row: Math.min(Math.max(row, 0), lastRow),
    col: Math.min(Math.max(col, 0), lastCol),
  });
  switch (action) {
    case 'up':
      return clamp(at.row - 1, at.col);
    case 'down':
    case 'commit':
      return clamp(at.row + 1, at.col);
    case 'left':
      return clamp(at.row, at.col - 1);
    case 'right':
      return clamp(at.row, at.col + 1);
    case 'next':
    case 'commitNext':
      if (at.col < lastCol) return { row: at.row, col: at.col + 1 };
      return at.row < lastRow ? { row: at.row + 1, col: 0 } : at;
    case 'prev':
    case 'commitPrev':
      if (at.col > 0) return { row: at.row, col: at.col - 1 };
      return at.row > 0 ? { row: at.row - 1, col: lastCol } : at;
    case 'rowStart':
      return clamp(at.row, 0);
    case 'rowEnd':
      return clamp(at.row, lastCol);
    case 'first':
      return { row: 0, col: 0 };
    case 'last':
      return clamp(lastRow, lastCol);
    default:
      return at;
  }
}

/** The help line under the grid, from the same table. */
export const keyHelp = (keymap: readonly KeyBinding[] = KEYMAP): string =>
  keymap
    .filter((b) => b.help)
    .map((b) => b.help)
    .join(' · ');
