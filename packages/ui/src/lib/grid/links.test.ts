import { describe, expect, it } from 'vitest';
import { cellHref } from './links.js';

describe('cellHref', () => {
  it('puts the cell’s text, encoded, into the column’s link', () => {
    expect(cellHref({ href: '/orders/{value}' }, 'SO-2026-000001')).toBe('/orders/SO-2026-000001');
    expect(cellHref({ href: '/customers/{value}' }, 'A/B #1 客户')).toBe(
      '/customers/A%2FB%20%231%20%E5%AE%A2%E6%88%B7',
    );
  });

  it('gives no link for an empty cell or a column without one', () => {
    expect(cellHref({ href: '/orders/{value}' }, '')).toBeUndefined();
    expect(cellHref({}, 'SO-1')).toBeUndefined();
    expect(cellHref(undefined, 'SO-1')).toBeUndefined();
  });
});
