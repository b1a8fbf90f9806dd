import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionFor, bindingFor, KEYMAP, keyHelp, keyLabel, keyTable, moveCursor } from './keymap.js';

describe('actionFor', () => {
  it('maps navigation keys in nav mode', () => {
    expect(actionFor({ key: 'ArrowDown' }, 'nav')).toBe('down');
    expect(actionFor({ key: 'Tab', shiftKey: true }, 'nav')).toBe('prev');
    expect(actionFor({ key: 'Home', ctrlKey: true }, 'nav')).toBe('first');
    expect(actionFor({ key: 'F2' }, 'nav')).toBe('edit');
    expect(actionFor({ key: 'Enter' }, 'nav')).toBe('edit');
  });

  it('maps commit and cancel in edit mode and lets other keys through to the editor', () => {
    expect(actionFor({ key: 'Enter' }, 'edit')).toBe('commit');
    expect(actionFor({ key: 'Escape' }, 'edit')).toBe('cancel');
    expect(actionFor({ key: 'Tab' }, 'edit')).toBe('commitNext');
    expect(actionFor({ key: 'ArrowLeft' }, 'edit')).toBeUndefined();
    expect(actionFor({ key: 'a' }, 'edit')).toBeUndefined();
  });

  it('starts editing when a character is typed on a cell, but not with ctrl or alt', () => {
    expect(actionFor({ key: '7' }, 'nav')).toBe('type');
    expect(actionFor({ key: 'q', ctrlKey: true }, 'nav')).toBeUndefined();
    expect(actionFor({ key: 'x', altKey: true }, 'nav')).toBeUndefined();
  });

  it('has one binding per key, modifiers and mode', () => {
    const seen = new Set(KEYMAP.map((b) => `${b.mode}:${b.key}:${Boolean(b.shift)}:${Boolean(b.ctrl)}`));
    expect(seen.size).toBe(KEYMAP.length);
  });
});

describe('moveCursor', () => {
  const size = { rows: 3, cols: 4 };
  it('moves and stays inside the grid', () => {
    expect(moveCursor({ row: 0, col: 0 }, 'up', size)).toEqual({ row: 0, col: 0 });
    expect(moveCursor({ row: 2, col: 3 }, 'down', size)).toEqual({ row: 2, col: 3 });
    expect(moveCursor({ row: 1, col: 1 }, 'right', size)).toEqual({ row: 1, col: 2 });
    expect(moveCursor({ row: 1, col: 1 }, 'commit', size)).toEqual({ row: 2, col: 1 });
  });

  it('wraps Tab to the next row and Shift+Tab to the previous', () => {
    expect(moveCursor({ row: 0, col: 3 }, 'next', size)).toEqual({ row: 1, col: 0 });
    expect(moveCursor({ row: 1, col: 0 }, 'prev', size)).toEqual({ row: 0, col: 3 });
    expect(moveCursor({ row: 2, col: 3 }, 'next', size)).toEqual({ row: 2, col: 3 });
  });

  it('jumps to row ends and grid corners', () => {
    expect(moveCursor({ row: 1, col: 2 }, 'rowStart', size)).toEqual({ row: 1, col: 0 });
    expect(moveCursor({ row: 1, col: 0 }, 'rowEnd', size)).toEqual({ row: 1, col: 3 });
    expect(moveCursor({ row: 1, col: 2 }, 'last', size)).toEqual({ row: 2, col: 3 });
    expect(moveCursor({ row: 1, col: 2 }, 'first', size)).toEqual({ row: 0, col: 0 });
  });

  it('copes with an empty grid', () => {
    expect(moveCursor({ row: 0, col: 0 }, 'down', { rows: 0, cols: 0 })).toEqual({ row: 0, col: 0 });
  });
});

describe('keyHelp', () => {
  it('lists the help of the bindings that have one', () => {
    expect(keyHelp((id) => id.replace('grid_help_', ''))).toBe(
      'move · select · edit · clipboard · fill · undo · discard · save · cancel',
    );
  });
});

describe('the spreadsheet keys', () => {
  it('maps selection, clipboard, fill, undo and row keys; copy and paste are left to the browser', () => {
    expect(actionFor({ key: 'ArrowDown', shiftKey: true }, 'nav')).toBe('extendDown');
    expect(actionFor({ key: 'PageDown' }, 'nav')).toBe('pageDown');
    expect(actionFor({ key: 'd', ctrlKey: true }, 'nav')).toBe('fillDown');
    expect(actionFor({ key: 'z', metaKey: true }, 'nav')).toBe('undo');
    // With Shift the browser reports the letter upper-case.
    expect(actionFor({ key: 'Z', ctrlKey: true, shiftKey: true }, 'nav')).toBe('redo');
    expect(actionFor({ key: 'y', ctrlKey: true }, 'nav')).toBe('redo');
    expect(actionFor({ key: 'Delete' }, 'nav')).toBe('clear');
    expect(actionFor({ key: 'Delete', ctrlKey: true }, 'nav')).toBe('deleteRows');
    expect(bindingFor({ key: 'v', ctrlKey: true }, 'nav')).toMatchObject({ action: 'paste', native: true });
    expect(bindingFor({ key: 'c', ctrlKey: true }, 'edit')).toBeUndefined();
  });

  it('moves a screen at a time with PageUp and PageDown', () => {
    const size = { rows: 100, cols: 3, page: 25 };
    expect(moveCursor({ row: 10, col: 1 }, 'pageDown', size)).toEqual({ row: 35, col: 1 });
    expect(moveCursor({ row: 90, col: 1 }, 'pageDown', size)).toEqual({ row: 99, col: 1 });
    expect(moveCursor({ row: 10, col: 1 }, 'pageUp', size)).toEqual({ row: 0, col: 1 });
  });
});

describe('the README key table', () => {
  it('is the keymap, row for row', () => {
    const readme = readFileSync(new URL('../../../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(keyTable());
    expect(keyLabel({ key: 'z', ctrl: true, shift: true })).toBe('Ctrl+Shift+Z');
    expect(keyLabel({ key: 'ArrowDown', shift: true })).toBe('Shift+↓');
  });
});
