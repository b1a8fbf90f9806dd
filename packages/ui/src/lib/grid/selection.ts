import type { Cursor } from './keymap';

/** A rectangle of cells: where the selection started (anchor) and where it ends (focus, the cursor). */
export interface Selection {
  anchor: Cursor;
  focus: Cursor;
}

/** A selection's rows and columns, inclusive. */
export interface Range {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export const single = (at: Cursor): Selection => ({ anchor: at, focus: at });

export function rangeOf(s: Selection): Range {
  return {
    top: Math.min(s.anchor.row, s.focus.row),
    bottom: Math.max(s.anchor.row, s.focus.row),
    left: Math.min(s.anchor.col, s.focus.col),
    right: Math.max(s.anchor.col, s.focus.col),
  };
}

export const contains = (r: Range, row: number, col: number): boolean =>
  row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

export const height = (r: Range): number => r.bottom - r.top + 1;
export const width = (r: Range): number => r.right - r.left + 1;

/**
 * What a pasted block covers, as a spreadsheet does it: from the selection's top-left corner, the
 * block's own size; a single value pasted over a larger selection fills all of it; a block pasted
 * over a selection that is a whole multiple of it is repeated to fill it.
 */
export function pasteTarget(selection: Range, block: readonly (readonly string[])[]): Range {
  const rows = block.length;
  const cols = Math.max(0, ...block.map((r) => r.length));
  const repeatRows = height(selection) % rows === 0 ? height(selection) : rows;
  const repeatCols = width(selection) % cols === 0 ? width(selection) : cols;
  return {
    top: selection.top,
    left: selection.left,
    bottom: selection.top + repeatRows - 1,
    right: selection.left + repeatCols - 1,
  };
}

/** The value a cell of `target` takes from `block`, repeating the block across the target. */
export const blockValue = (block: readonly (readonly string[])[], target: Range, row: number, col: number): string =>
  block[(row - target.top) % block.length]?.[(col - target.left) % Math.max(1, block[0]?.length ?? 1)] ?? '';

/**
 * Fill as a spreadsheet's fill handle or Ctrl+D does: the source rows (the selection's first row
 * for Ctrl+D, the whole selection for the handle) repeated down the target rows, per column.
 *
 * @example
 * fillDown(['A', 'B'], 2, 5) // rows 2..5 take A, B, A, B
 */
export function fillDown<T>(source: readonly T[], from: number, to: number): { row: number; value: T }[] {
  const out: { row: number; value: T }[] = [];
  if (source.length === 0) return out;
  for (let row = from; row <= to; row++) out.push({ row, value: source[(row - from) % source.length] as T });
  return out;
}
