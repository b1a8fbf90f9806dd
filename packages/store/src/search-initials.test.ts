import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { Book } from './book.js';
import { check } from './check.js';
import { createCustomer } from './crm.js';
import { addGridRows, applyGridEdits, gridPage } from './grid.js';
import { readImportFile } from './imports.js';
import { upsertMasterData } from './master-data.js';
import { MIGRATIONS } from './migrations/index.js';
import { editProduct, upsertProducts } from './products.js';
import { searchInitials, typedInitials } from './search-initials.js';
import { smallCompany } from './test-support/demo-company.js';
import { sampleProduct, useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

describe('searchInitials', () => {
  it('reads Chinese characters as the first letters of their pinyin', () => {
    expect(searchInitials('龙井茶')).toBe('ljc');
    expect(searchInitials('西湖龙井茶')).toBe('xhljc');
  });

  it('keeps letters and digits as they are, in lower case, without spaces or punctuation', () => {
    expect(searchInitials('龙井茶 250g')).toBe('ljc250g');
    expect(searchInitials('普洱茶饼（357g）')).toBe('pecb357g');
    expect(searchInitials('茶-Tea')).toBe('ctea');
    expect(searchInitials('ABC公司')).toBe('abcgs');
  });

  it('keeps a Latin word whole, so the word itself finds the name', () => {
    expect(searchInitials('Oolong 乌龙')).toBe('oolongwl');
    expect(searchInitials('Green Tea No. 5')).toBe('greenteano5');
  });

  it('reads full-width letters and digits as ordinary ones', () => {
    expect(searchInitials('２５０ｇ 红茶')).toBe('250ghc');
  });

  it('reads a character with several readings as pinyin-pro does in its context', () => {
    expect(searchInitials('长城干红')).toBe('ccgh');
    expect(searchInitials('中国银行')).toBe('zgyh');
    expect(searchInitials('重庆火锅')).toBe('cqhg');
  });

  it('gives nothing for a name with no letters or digits', () => {
    expect(searchInitials('')).toBe('');
    expect(searchInitials(' - ')).toBe('');
  });
});

describe('typedInitials', () => {
  it('reads typed letters as searchInitials keeps them, and typed Chinese as no initials', () => {
    expect(typedInitials('XH ljc')).toBe('xhljc');
    expect(typedInitials('ＬＪＣ')).toBe('ljc');
    expect(typedInitials('龙井')).toBeUndefined();
    expect(typedInitials('%_')).toBeUndefined();
  });
});

describe('a book keeps each name’s initials', () => {
  const initialsOf = (book: Book, table: 'products' | 'customers', key: string) =>
    book.exec.value<string>(`select initials from ${table} where ${table === 'products' ? 'sku' : 'code'} = ?`, key);
  const version = (book: Book, kind: 'products' | 'customers', key: string) =>
    gridPage(book, kind, { filters: [{ column: kind === 'products' ? 'sku' : 'code', op: 'eq', value: key }] }).rows[0]
      ?.version ?? -1;

  it('writes them with every name, whichever command writes it', async () => {
    const book = await smallCompany(tempDir());
    // Upsert: the demo company's products and customers.
    expect(initialsOf(book, 'products', 'TEA-001')).toBe('xhlj');
    expect(initialsOf(book, 'products', 'TEA-002')).toBe('tgy');
    expect(initialsOf(book, 'customers', 'C002')).toBe('nfsp');
    upsertProducts(book, [sampleProduct({ sku: 'TEA-001', name: '西湖龙井茶 250g', price: 18800, cost: 11200 })]);
    expect(initialsOf(book, 'products', 'TEA-001')).toBe('xhljc250g');
    upsertMasterData(book, { customers: [{ code: 'C002', name: '南方食品 Foods' }] });
    expect(initialsOf(book, 'customers', 'C002')).toBe('nfspfoods');

    // One field typed by a person.
    await editProduct(book, 'TEA-002', 'name', '安溪铁观音');
    expect(initialsOf(book, 'products', 'TEA-002')).toBe('axtgy');

    // An import file.
    const csv = 'sku,name,category,uom,price,cost,tax_rate\nTEA-003,普洱茶饼,饮料/茶叶,pc,50.00,20.00,13%\n';
    const products = await readImportFile(book, 'products', { name: 'p.csv', bytes: new TextEncoder().encode(csv) });
    products.apply();
    expect(initialsOf(book, 'products', 'TEA-003')).toBe('pecb');
    const customers = await readImportFile(book, 'customers', {
      name: 'c.csv',
      bytes: new TextEncoder().encode('code,name\nC010,重庆火锅城\n'),
    });
    customers.apply();
    expect(initialsOf(book, 'customers', 'C010')).toBe('cqhgc');

    // The grid: a name edited, and rows added.
    applyGridEdits(book, 'products', [
      { key: 'TEA-003', column: 'name', value: '云南普洱', version: version(book, 'products', 'TEA-003') },
    ]);
    expect(initialsOf(book, 'products', 'TEA-003')).toBe('ynpe');
    applyGridEdits(book, 'customers', [
      { key: 'C010', column: 'name', value: '长城商贸', version: version(book, 'customers', 'C010') },
    ]);
    expect(initialsOf(book, 'customers', 'C010')).toBe('ccsm');
    addGridRows(book, 'products', [
      {
        values: {
          sku: 'TEA-004',
          name: '白毫银针',
          category: '饮料/茶叶',
          uom: 'box',
          price_minor: '300',
          cost_minor: '100',
          tax_rate_bp: '13%',
          listed: 'yes',
        },
      },
    ]);
    expect(initialsOf(book, 'products', 'TEA-004')).toBe('bhyz');
    addGridRows(book, 'customers', [{ values: { code: 'C011', name: '华南茶行' } }]);
    expect(initialsOf(book, 'customers', 'C011')).toBe('hncx');
    // A customer created on its own.
    createCustomer(book, { code: 'C012', name: '西北茶叶' });
    expect(initialsOf(book, 'customers', 'C012')).toBe('xbcy');

    expect(check(book).filter((p) => p.code.endsWith('.initials'))).toEqual([]);
    book.close();
  });

  it('is checked: a name changed behind the commands’ back is reported', async () => {
    const book = await smallCompany(tempDir());
    book.exec.execute("update products set name = '铁观音王' where sku = 'TEA-002'");
    book.exec.execute("update customers set initials = '' where code = 'C002'");
    expect(check(book).filter((p) => p.code.endsWith('.initials'))).toEqual([
      {
        code: 'product.initials',
        message: expect.stringContaining('TEA-002 铁观音王 has tgy, not tgyw'),
        hint: expect.stringContaining('until the name is saved again'),
      },
      {
        code: 'customer.initials',
        message: expect.stringContaining('C002 南方食品 has (none), not nfsp'),
        hint: expect.stringContaining('until the name is saved again'),
      },
    ]);
    book.close();
  });

  it('fills them in a book made before they existed when it is opened', async () => {
    const path = join(tempDir(), 'old.db');
    const sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL'); // as a book is kept: a commit per migration without a sync each
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const before = Object.keys(MIGRATIONS).filter((name) => name < '0018');
    const migrated = await new Migrator({
      db,
      provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    }).migrateTo(before.at(-1) ?? '');
    expect(migrated.error).toBeUndefined();
    sqlite.exec(`insert into categories (id, path, name) values (1, '茶', '茶');
      insert into products (sku, name, category_id, uom, price_minor, cost_minor, tax_rate_bp, listed, created_at, updated_at)
        values ('TEA-001', '西湖龙井茶', 1, 'box', 100, 50, 1300, 1, 'x', 'x'), ('TEA-002', 'Oolong 乌龙', 1, 'box', 100, 50, 1300, 1, 'x', 'x');
      insert into customers (code, name, normalized_name) values ('C001', '华东贸易', '华东贸易');`);
    await db.destroy();

    const book = await Book.open(path);
    expect(book.exec.select('select sku, initials, version from products order by sku')).toEqual([
      { sku: 'TEA-001', initials: 'xhljc', version: 1 },
      { sku: 'TEA-002', initials: 'oolongwl', version: 1 },
    ]);
    expect(initialsOf(book, 'customers', 'C001')).toBe('hdmy');
    // Case-insensitive LIKE on a prefix bound as one value reads the index.
    const plan = book.sqlite
      .prepare('explain query plan select sku from products where initials like ?')
      .all('XHL%') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toContain('products_initials');
    book.close();
  });
});
