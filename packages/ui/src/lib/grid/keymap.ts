/**
 * The grid's keyboard map as one declarative table: which key does what in which mode. The
 * component looks keys up here and never hard-codes them; the README's key table and the grid's
 * help line are written from it too.
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
  | 'pageUp'
  | 'pageDown'
  | 'extendUp'
  | 'extendDown'
  | 'extendLeft'
  | 'extendRight'
  | 'extendPageUp'
  | 'extendPageDown'
  | 'selectAll'
  | 'edit'
  | 'open'
  | 'type'
  | 'clear'
  | 'fillDown'
  | 'fillRight'
  | 'undo'
  | 'redo'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'deleteRows'
  | 'commit'
  | 'commitUp'
  | 'commitNext'
  | 'commitPrev'
  | 'cancel'
  | 'discard';

/** The catalog's messages for the help line. */
export type HelpMessage =
  | 'grid_help_move'
  | 'grid_help_select'
  | 'grid_help_edit'
  | 'grid_help_clipboard'
  | 'grid_help_fill'
  | 'grid_help_undo'
  | 'grid_help_discard'
  | 'grid_help_save'
  | 'grid_help_cancel';

export interface KeyBinding {
  mode: Mode;
  key: string;
  shift?: boolean;
  ctrl?: boolean;
  action: Action;
  /**
   * The browser acts on the key itself (copy, paste): the grid answers the clipboard event that
   * follows, so the key press is left alone.
   */
  native?: boolean;
  /** Shown in the grid's help line: the message's id in the catalog (messages/*.json). */
  help?: HelpMessage;
}

export const KEYMAP: readonly KeyBinding[] = [
  { mode: 'nav', key: 'ArrowUp', action: 'up' },
  { mode: 'nav', key: 'ArrowDown', action: 'down' },
  { mode: 'nav', key: 'ArrowLeft', action: 'left' },
  { mode: 'nav', key: 'ArrowRight', action: 'right', help: 'grid_help_move' },
  { mode: 'nav', key: 'ArrowUp', shift: true, action: 'extendUp' },
  { mode: 'nav', key: 'ArrowDown', shift: true, action: 'extendDown' },
  { mode: 'nav', key: 'ArrowLeft', shift: true, action: 'extendLeft' },
  { mode: 'nav', key: 'ArrowRight', shift: true, action: 'extendRight', help: 'grid_help_select' },
  { mode: 'nav', key: 'PageUp', action: 'pageUp' },
  { mode: 'nav', key: 'PageDown', action: 'pageDown' },
  { mode: 'nav', key: 'PageUp', shift: true, action: 'extendPageUp' },
  { mode: 'nav', key: 'PageDown', shift: true, action: 'extendPageDown' },
  { mode: 'nav', key: 'Tab', action: 'next' },
  { mode: 'nav', key: 'Tab', shift: true, action: 'prev' },
  { mode: 'nav', key: 'Home', action: 'rowStart' },
  { mode: 'nav', key: 'End', action: 'rowEnd' },
  { mode: 'nav', key: 'Home', ctrl: true, action: 'first' },
  { mode: 'nav', key: 'End', ctrl: true, action: 'last' },
  { mode: 'nav', key: 'a', ctrl: true, action: 'selectAll' },
  { mode: 'nav', key: 'Enter', action: 'edit', help: 'grid_help_edit' },
  { mode: 'nav', key: 'F2', action: 'edit' },
  { mode: 'nav', key: 'Enter', ctrl: true, action: 'open' },
  { mode: 'nav', key: 'Delete', action: 'clear' },
  { mode: 'nav', key: 'Backspace', action: 'clear' },
  { mode: 'nav', key: 'c', ctrl: true, action: 'copy', native: true, help: 'grid_help_clipboard' },
  { mode: 'nav', key: 'x', ctrl: true, action: 'cut', native: true },
  { mode: 'nav', key: 'v', ctrl: true, action: 'paste', native: true },
  { mode: 'nav', key: 'd', ctrl: true, action: 'fillDown', help: 'grid_help_fill' },
  { mode: 'nav', key: 'r', ctrl: true, action: 'fillRight' },
  { mode: 'nav', key: 'z', ctrl: true, action: 'undo', help: 'grid_help_undo' },
  { mode: 'nav', key: 'y', ctrl: true, action: 'redo' },
  { mode: 'nav', key: 'z', ctrl: true, shift: true, action: 'redo' },
  { mode: 'nav', key: 'Delete', ctrl: true, action: 'deleteRows' },
  { mode: 'nav', key: 'Escape', action: 'discard', help: 'grid_help_discard' },
  { mode: 'edit', key: 'Enter', action: 'commit', help: 'grid_help_save' },
  { mode: 'edit', key: 'Enter', shift: true, action: 'commitUp' },
  { mode: 'edit', key: 'Tab', action: 'commitNext' },
  { mode: 'edit', key: 'Tab', shift: true, action: 'commitPrev' },
  { mode: 'edit', key: 'Escape', action: 'cancel', help: 'grid_help_cancel' },
];

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The binding for a key press in a mode, or undefined when the grid should let it through. */
export function bindingFor(event: KeyLike, mode: Mode, keymap: readonly KeyBinding[] = KEYMAP): KeyBinding | undefined {
  const ctrl = Boolean(event.ctrlKey || event.metaKey);
  const shift = Boolean(event.shiftKey);
  // Letters come upper-case with Shift (Ctrl+Shift+Z): the table names them lower-case.
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return keymap.find((b) => b.mode === mode && b.key === key && Boolean(b.shift) === shift && Boolean(b.ctrl) === ctrl);
}

/** The action for a key press in a mode, or undefined when the grid should let it through. */
export function actionFor(event: KeyLike, mode: Mode, keymap: readonly KeyBinding[] = KEYMAP): Action | undefined {
  const bound = bindingFor(event, mode, keymap);
  if (bound) return bound.action;
  // As in a spreadsheet, typing a character on a cell starts editing it with that character.
  if (mode === 'nav' && isTyping(event)) return 'type';
  return undefined;
}

/** A key press that types a character (not a shortcut). */
export const isTyping = (event: KeyLike): boolean =>
  event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;

export interface Cursor {
  row: number;
  col: number;
}

export interface GridSize {
  rows: number;
  cols: number;
  /** Rows in one screen, for PageUp and PageDown. */
  page?: number;
}

/** Where the cursor goes for a movement action, kept inside the grid; other actions keep it. */
export function moveCursor(at: Cursor, action: Action, size: GridSize): Cursor {
  const lastRow = Math.max(0, size.rows - 1);
  const lastCol = Math.max(0, size.cols - 1);
  const page = Math.max(1, size.page ?? 20);
  const clamp = (row: number, col: number): Cursor => ({
    row: Math.min(Math.max(row, 0), lastRow),
    col: Math.min(Math.max(col, 0), lastCol),
  });
  switch (action) {
    case 'up':
    case 'extendUp':
    case 'commitUp':
      return clamp(at.row - 1, at.col);
    case 'down':
    case 'extendDown':
    case 'commit':
      return clamp(at.row + 1, at.col);
    case 'left':
    case 'extendLeft':
      return clamp(at.row, at.col - 1);
    case 'right':
    case 'extendRight':
      return clamp(at.row, at.col + 1);
    case 'pageUp':
    case 'extendPageUp':
      return clamp(at.row - page, at.col);
    case 'pageDown':
    case 'extendPageDown':
      return clamp(at.row + page, at.col);
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

/** Actions that move the far corner of the selection and keep its anchor. */
export const EXTENDS: ReadonlySet<Action> = new Set([
  'extendUp',
  'extendDown',
  'extendLeft',
  'extendRight',
  'extendPageUp',
  'extendPageDown',
]);

/** The help line under the grid, from the same table, in the page's language. */
export const keyHelp = (say: (id: HelpMessage) => string, keymap: readonly KeyBinding[] = KEYMAP): string =>
  keymap.flatMap((b) => (b.help ? [say(b.help)] : [])).join(' · ');

/** What each action does, for the README's key table. */
const ACTION_TEXT: Readonly<Record<Action, string>> = {
  up: 'move up',
  down: 'move down',
  left: 'move left',
  right: 'move right',
  next: 'move right, wrapping to the next row',
  prev: 'move left, wrapping to the row above',
  rowStart: 'first cell of the row',
  rowEnd: 'last cell of the row',
  first: 'first cell of the grid',
  last: 'last cell of the grid',
  pageUp: 'a screen up',
  pageDown: 'a screen down',
  extendUp: 'extend the selection up',
  extendDown: 'extend the selection down',
  extendLeft: 'extend the selection left',
  extendRight: 'extend the selection right',
  extendPageUp: 'extend the selection a screen up',
  extendPageDown: 'extend the selection a screen down',
  selectAll: 'select every row (of the filter)',
  edit: "edit the cell; on a link that cannot be edited (a document's number), open it",
  open: "open the cell's link (a document's number opens the document)",
  type: 'start editing with it',
  clear: 'empty the selected cells',
  fillDown: "fill down: the selection's first row into the rest (one cell: the cell above)",
  fillRight: "fill right: the selection's first column into the rest",
  undo: 'undo the last change (also after a reload)',
  redo: 'redo',
  copy: 'copy the selection as tab-separated text',
  cut: 'copy, then empty the selection',
  paste: 'paste a block from Excel, WPS or Sheets (one change: all or nothing)',
  deleteRows: 'delete the selected rows (asks first)',
  commit: 'save, move down',
  commitUp: 'save, move up',
  commitNext: 'save, move right',
  commitPrev: 'save, move left',
  cancel: 'cancel the edit',
  discard: 'on a refused cell: drop the typed value',
};

const KEY_NAMES: Readonly<Record<string, string>> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  Escape: 'Esc',
};

/** A binding's keys as a person reads them: `Ctrl+Shift+Z`, `Shift+↓`. */
export const keyLabel = (b: Pick<KeyBinding, 'key' | 'ctrl' | 'shift'>): string =>
  `${b.ctrl ? 'Ctrl+' : ''}${b.shift ? 'Shift+' : ''}${KEY_NAMES[b.key] ?? (b.key.length === 1 ? b.key.toUpperCase() : b.key)}`;

/**
 * The key table of the README, written from the keymap (a test holds the README to it): one row
 * per action, its keys, and whether it works on the grid or while editing a cell.
 */
export function keyTable(keymap: readonly KeyBinding[] = KEYMAP): string {
  const rows = new Map<string, { keys: string[]; mode: Mode; text: string }>();
  for (const b of keymap) {
    const id = `${b.mode}:${b.action}`;
    const row = rows.get(id) ?? { keys: [], mode: b.mode, text: ACTION_TEXT[b.action] };
    row.keys.push(keyLabel(b));
    rows.set(id, row);
  }
  const typing = { keys: ['a character'], mode: 'nav' as Mode, text: ACTION_TEXT.type };
  return [
    '| Keys | On the grid | While editing a cell |',
    '|---|---|---|',
    ...[...rows.values(), typing].map(
      (r) => `| ${r.keys.join(', ')} | ${r.mode === 'nav' ? r.text : ''} | ${r.mode === 'edit' ? r.text : ''} |`,
    ),
  ].join('\n');
}
