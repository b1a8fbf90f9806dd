import type { GridColumn } from './types';

/**
 * Where a cell leads: the column's `href` with `{value}` standing for the cell's text,
 * URL-encoded (a number with `/` or `#` stays one path segment); none for an empty cell.
 *
 * @example
 * cellHref({ href: '/orders/{value}' }, 'SO-2026-000001') // '/orders/SO-2026-000001'
 */
export function cellHref(column: Pick<GridColumn, 'href'> | undefined, text: string | undefined): string | undefined {
  if (!column?.href || !text) return undefined;
  return column.href.replaceAll('{value}', encodeURIComponent(text));
}
