import { describe, expect, it } from 'vitest';
import { blockValue, contains, fillDown, pasteTarget, rangeOf } from './selection';

describe('rangeOf', () => {
  it('is the rectangle between anchor and focus, whichever way it was dragged', () => {
    expect(rangeOf({ anchor: { row: 5, col: 3 }, focus: { row: 2, col: 1 } })).toEqual({
      top: 2,
      bottom: 5,
      left: 1,
      right: 3,
    });
    expect(contains({ top: 2, bottom: 5, left: 1, right: 3 }, 5, 1)).toBe(true);
    expect(contains({ top: 2, bottom: 5, left: 1, right: 3 }, 6, 1)).toBe(false);
  });
});

describe('pasteTarget', () => {
  const at = { top: 4, bottom: 4, left: 2, right: 2 };
  it('covers the block from the selection corner', () => {
    expect(pasteTarget(at, [['a', 'b', 'c']].concat(Array(9).fill(['x', 'y', 'z'])))).toEqual({
      top: 4,
      bottom: 13,
      left: 2,
      right: 4,
    });
  });

  it('fills a larger selection with one value, or with a block that fits it a whole number of times', () => {
    const six = { top: 0, bottom: 5, left: 0, right: 1 };
    expect(pasteTarget(six, [['v']])).toEqual(six);
    expect(pasteTarget(six, [['a'], ['b'], ['c']])).toEqual(six);
    // 4 rows do not divide 6: the block is pasted once.
    expect(pasteTarget(six, [['a'], ['b'], ['c'], ['d']])).toEqual({ top: 0, bottom: 3, left: 0, right: 1 });
    const block = [['a'], ['b'], ['c']];
    expect([0, 1, 2, 3, 4, 5].map((r) => blockValue(block, six, r, 1))).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });
});

describe('fillDown', () => {
  it('repeats the source rows down the target', () => {
    expect(fillDown(['A', 'B'], 2, 6).map((p) => `${p.row}${p.value}`)).toEqual(['2A', '3B', '4A', '5B', '6A']);
    expect(fillDown([], 2, 6)).toEqual([]);
  });
});
