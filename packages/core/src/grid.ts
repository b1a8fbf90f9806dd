import { z } from 'zod';

/** The record kinds the grid shows, by the name in its address (`/api/grid/products`). */
export const GRID_KINDS = [
  'products',
  'customers',
  'contacts',
  'suppliers',
  'salespeople',
  'warehouses',
  'price-list-items',
  'promotions',
  'commission-plans',
  'users',
  'settings',
  'orders',
  'invoices',
  'purchase-orders',
  'requisitions',
  'shipments',
  'receipts',
  'payments',
  'stock',
  'stock-moves',
] as const;
export type GridKind = (typeof GRID_KINDS)[number];
export const gridKindSchema = z.enum(GRID_KINDS);

/**
 * The kinds the grid only lists: documents and stock, which change through their own commands
 * (place, approve, ship, pay …), never cell by cell.
 */
export const READ_ONLY_GRID_KINDS = [
  'orders',
  'invoices',
  'purchase-orders',
  'requisitions',
  'shipments',
  'receipts',
  'payments',
  'stock',
  'stock-moves',
] as const satisfies readonly GridKind[];
export type ReadOnlyGridKind = (typeof READ_ONLY_GRID_KINDS)[number];
/** A kind whose rows the grid changes. */
export type EditableGridKind = Exclude<GridKind, ReadOnlyGridKind>;

/** Whether the grid changes this kind's rows (else it only lists them). */
export const gridKindEditable = (kind: GridKind): kind is EditableGridKind =>
  !(READ_ONLY_GRID_KINDS as readonly GridKind[]).includes(kind);

/** How a grid column's data reads: money in minor units, quantities in thousandths, percents in basis points. */
export type GridCellKind = 'text' | 'integer' | 'money' | 'qty' | 'percent' | 'date' | 'bool' | 'choice';

const cellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const gridSortSchema = z.object({
  column: z.string().min(1),
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type GridSort = z.infer<typeof gridSortSchema>;

/**
 * One column filter. Values are in the data's units (minor units, thousandths, basis points), or
 * text as a person types it (`98.00`, `13%`, `是`), read by the column's own parser.
 */
export const gridFilterSchema = z.discriminatedUnion('op', [
  z.object({ column: z.string().min(1), op: z.enum(['eq', 'contains', 'lt', 'gt']), value: cellValue }),
  z.object({ column: z.string().min(1), op: z.literal('between'), value: z.tuple([cellValue, cellValue]) }),
  z.object({ column: z.string().min(1), op: z.literal('blank'), value: z.unknown().optional() }),
]);
export type GridFilter = z.infer<typeof gridFilterSchema>;

/** One page of one kind: where it starts, how many rows, in what order, which rows. */
export const gridQuerySchema = z.object({
  offset: z.int().min(0).default(0),
  limit: z.int().min(1).max(5000).default(100),
  sort: z.array(gridSortSchema).max(8).default([]),
  filters: z.array(gridFilterSchema).max(32).default([]),
  search: z.string().max(200).optional(),
});
export type GridQuery = z.input<typeof gridQuerySchema>;

/** One cell a person typed: the row by key, the column, the text, and the row version they saw. */
export const gridEditSchema = z.object({
  key: z.string().min(1),
  column: z.string().min(1),
  value: z.string(),
  version: z.union([z.int(), z.string()]),
});
export type GridEdit = z.infer<typeof gridEditSchema>;
export const gridEditsSchema = z.array(gridEditSchema).min(1).max(20_000);

/** One new row as a person typed it: text by column name (the key's columns included). */
export const gridNewRowSchema = z.object({ values: z.record(z.string(), z.string()) });
export type GridNewRow = z.infer<typeof gridNewRowSchema>;
export const gridNewRowsSchema = z.array(gridNewRowSchema).min(1).max(5000);

/** A row to delete, by key, with the version the person saw. */
export const gridRowRefSchema = z.object({ key: z.string().min(1), version: z.union([z.int(), z.string()]) });
export type GridRowRef = z.infer<typeof gridRowRefSchema>;
export const gridRowRefsSchema = z.array(gridRowRefSchema).min(1).max(5000);

/**
 * A page query from an address's parameters: `offset`, `limit`, `sort=name:desc,sku`,
 * `filter` as JSON (an array of filters) and `q` for quick search.
 *
 * @example
 * gridQueryFromParams(new URLSearchParams('limit=50&sort=price_minor:desc'))
 * // { success: true, data: { offset: 0, limit: 50, sort: [{ column: 'price_minor', dir: 'desc' }], filters: [] } }
 */
export function gridQueryFromParams(params: { get(name: string): string | null; has(name: string): boolean }) {
  const number = (name: string) => (params.has(name) ? Number(params.get(name)) : undefined);
  const sort = (params.get('sort') ?? '')
    .split(',')
    .filter(Boolean)
    .map((s: string) => {
      const [column, dir] = s.split(':');
      return { column, dir: dir ?? 'asc' };
    });
  let filters: unknown = [];
  const filter = params.get('filter');
  if (filter) {
    try {
      filters = JSON.parse(filter);
    } catch {
      filters = filter;
    }
  }
  const q = params.get('q');
  return gridQuerySchema.safeParse({
    offset: number('offset'),
    limit: number('limit'),
    sort,
    filters,
    ...(q ? { search: q } : {}),
  });
}

/**
 * The permission changing a kind's rows takes (reading takes `book.read`, and `users.manage` for
 * users). Read-only kinds have none: nobody changes them in the grid.
 */
export const GRID_WRITE_PERMISSION: Readonly<Record<EditableGridKind, 'master.write' | 'users.manage' | 'book.admin'>> =
  {
    products: 'master.write',
    customers: 'master.write',
    contacts: 'master.write',
    suppliers: 'master.write',
    salespeople: 'master.write',
    warehouses: 'master.write',
    'price-list-items': 'master.write',
    promotions: 'master.write',
    'commission-plans': 'master.write',
    users: 'users.manage',
    settings: 'book.admin',
  };

/** The permission changing this kind's rows takes, or undefined for a kind the grid only lists. */
export const gridWritePermission = (kind: GridKind): 'master.write' | 'users.manage' | 'book.admin' | undefined =>
  gridKindEditable(kind) ? GRID_WRITE_PERMISSION[kind] : undefined;
