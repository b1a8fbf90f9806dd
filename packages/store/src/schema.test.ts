import { join } from 'node:path';
import type {
  CommissionBase,
  PurchaseOrderStatus,
  SalesOrderStatus,
  StatementDirection,
  StatementKind,
} from '@tradeloop/core';
import type { Insertable, Selectable } from 'kysely';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { Book } from './book.js';
import { BOOK_TABLES, type BookSchema, type Column } from './schema.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

interface TableInfo {
  name: string;
  type: string;
  notnull: 0 | 1;
  dflt_value: string | null;
  pk: number;
}

/** One line per column, the same words for what the book says and what the description says. */
const describeColumn = (c: { type: string; notNull: boolean; generated: boolean; primaryKey: boolean }) =>
  [c.type, c.notNull ? 'not null' : 'null', c.generated ? 'generated' : '', c.primaryKey ? 'key' : '']
    .filter(Boolean)
    .join(' ');

/** What a migrated book says of its tables and views, in `describeColumn`'s words. */
function migratedSchema(book: Book) {
  const tables = book.sqlite
    .prepare(
      `select name, sql from sqlite_master where type in ('table', 'view')
         and name not like 'sqlite_%' and name not like 'kysely_%' order by name`,
    )
    .all() as { name: string; sql: string }[];
  const columns: Record<string, Record<string, string>> = {};
  const checks: Record<string, Record<string, string[]>> = {};
  for (const t of tables) {
    const info = book.sqlite.prepare('select * from pragma_table_info(?)').all(t.name) as TableInfo[];
    const keys = info.filter((c) => c.pk > 0);
    columns[t.name] = Object.fromEntries(
      info.map((c) => {
        const rowid = c.type === 'INTEGER' && c.pk === 1 && keys.length === 1;
        return [
          c.name,
          describeColumn({
            type: c.type,
            // SQLite lets a primary key other than the rowid hold null, for old files' sake; the
            // book never writes one, so its keys are read as not null.
            notNull: c.notnull === 1 || c.pk > 0,
            generated: c.dflt_value !== null || rowid,
            primaryKey: c.pk > 0,
          }),
        ];
      }),
    );
    // `check (status in ('open', 'ordered'))`: the values a text column may hold.
    const lists = [...t.sql.matchAll(/(\w+) in \(\s*('[^)]*')\s*\)/g)];
    checks[t.name] = Object.fromEntries(
      lists.map(([, column, values]) => [column, [...(values ?? '').matchAll(/'([^']*)'/g)].map((v) => v[1])]),
    );
  }
  return { columns, checks };
}

function describedSchema() {
  const columns: Record<string, Record<string, string>> = {};
  const checks: Record<string, Record<string, string[]>> = {};
  for (const [table, cols] of Object.entries(BOOK_TABLES)) {
    const entries = Object.entries(cols) as [string, Column<unknown, unknown, unknown>][];
    columns[table] = Object.fromEntries(entries.map(([name, c]) => [name, describeColumn(c)]));
    checks[table] = Object.fromEntries(entries.flatMap(([name, c]) => (c.values ? [[name, [...c.values]]] : [])));
  }
  return { columns, checks };
}

describe('the book’s schema as kysely types it', () => {
  it('describes every table and column of a migrated book: type, nullability, default, key and checked values', async () => {
    const book = await Book.create(join(tempDir(), 'schema.db'));
    const migrated = migratedSchema(book);
    book.close();
    const described = describedSchema();
    expect(Object.keys(described.columns).sort()).toEqual(Object.keys(migrated.columns));
    expect(described.columns).toEqual(migrated.columns);
    expect(described.checks).toEqual(migrated.checks);
  });

  it('types columns as kysely reads and writes them', () => {
    type Po = Selectable<BookSchema['purchase_orders']>;
    expectTypeOf<Po['status']>().toEqualTypeOf<PurchaseOrderStatus>();
    expectTypeOf<Po['source_ref']>().toEqualTypeOf<string | null>();
    expectTypeOf<Po['gross_minor']>().toEqualTypeOf<number>();
    expectTypeOf<Selectable<BookSchema['sales_orders']>['status']>().toEqualTypeOf<SalesOrderStatus>();
    expectTypeOf<Selectable<BookSchema['statement_lines']>['direction']>().toEqualTypeOf<StatementDirection>();
    expectTypeOf<Selectable<BookSchema['statement_lines']>['kind']>().toEqualTypeOf<StatementKind>();
    expectTypeOf<Selectable<BookSchema['commission_plans']>['base']>().toEqualTypeOf<CommissionBase>();
    // The rowid, defaults and nullable columns may be left out of an insert; the rest may not.
    type NewLine = Insertable<BookSchema['purchase_order_lines']>;
    expectTypeOf<NewLine['id']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<NewLine['received_qty']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<NewLine>().toHaveProperty('qty').toEqualTypeOf<number>();
    expectTypeOf<Insertable<BookSchema['invoices']>['po_id']>().toEqualTypeOf<number | null | undefined>();
  });
});
