import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Book } from '@tradeloop/store';
import { describe, expect, it } from 'vitest';
import {
  bookAt,
  expectGolden,
  FIXTURES,
  POSTGRES_RUN,
  readBook,
  smallDemoBook,
  tradeloop,
  useTempDir,
  writeBook,
} from './test-support.js';

const tempDir = useTempDir();
const importFile = (name: string) => join(FIXTURES, 'import', name);

/** A demo book in a fresh folder, and a way to see everything it holds. */
function demoBook() {
  const dir = tempDir();
  const db = bookAt(dir, 'demo.db');
  // The catalog and master data without the two years of trading: fast, and enough for these tests.
  smallDemoBook(db);
  return {
    dir,
    db,
    snapshot: () =>
      JSON.stringify(JSON.parse(tradeloop(['export', 'products', '--format', 'json', '--db', db]).stdout).rows),
  };
}

describe('tradeloop init --demo and report products', () => {
  it('builds the demo book and reports products by category as a table', () => {
    const { db } = demoBook();
    const r = tradeloop(['report', 'products', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expectGolden('report-products.txt', r.stdout);
  });

  it('reports as csv and json, to stdout or a file', () => {
    const { db, dir } = demoBook();
    const csv = tradeloop(['report', 'products', '--format', 'csv', '--depth', '2', '--db', db]);
    expectGolden('report-products-depth2.csv', csv.stdout);
    const out = join(dir, 'r.json');
    const json = tradeloop(['report', 'products', '-f', 'json', '-o', out, '--db', db]);
    expect(json.stdout).toBe('');
    const { rows, totals } = JSON.parse(readFileSync(out, 'utf8'));
    // Ten office products, each with four variants (cases of 6 and 12, gift box, trial size).
    expect(rows[0]).toEqual({
      category: '办公用品',
      products: 50,
      listed: 50,
      list_value: '43559.80',
      cost_value: '31872.00',
      avg_price: '871.20',
    });
    expect(totals.products).toBe(rows.reduce((n: number, r: { products: number }) => n + r.products, 0));
  });

  it('refuses to init over an existing book', () => {
    const { db } = demoBook();
    const r = tradeloop(['init', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[book.exists]');
  });
});

describe('tradeloop import products', () => {
  it('imports a GBK file with Chinese headers, and a second import changes nothing', () => {
    const { db, snapshot } = demoBook();
    const file = importFile('products-zh-gbk.csv');
    const first = tradeloop(['import', 'products', file, '--db', db]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(`imported ${file}: 2 new, 0 changed, 0 unchanged\n`);
    expect(first.stderr).toBe(`warning: ${file}: column "备注" is not a product field; ignored\n`);
    const exported = JSON.parse(snapshot());
    expect(exported.find((p: { sku: string }) => p.sku === 'ZH-002')).toEqual({
      sku: 'ZH-002',
      name: '菊花茶',
      name_en: 'Chrysanthemum Tea',
      category: '饮料/茶叶',
      uom: '袋',
      price: '1024.50',
      cost: '600.50',
      tax_rate: '13',
      listed: 'no',
    });
    const before = snapshot();
    const again = tradeloop(['import', 'products', file, '--db', db]);
    expect(again.stdout).toBe(`imported ${file}: 0 new, 0 changed, 2 unchanged\n`);
    expect(snapshot()).toBe(before);
  });

  it('rejects a file with bad rows: exit 3, every problem named, book unchanged', () => {
    const { db, snapshot } = demoBook();
    const before = snapshot();
    const audit = () => readBook<{ n: number }>(db, 'select count(*) as n from audit_log')[0]?.n;
    const auditBefore = audit();
    const r = tradeloop(['import', 'products', importFile('products-bad-row.csv'), '--db', db]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expectGolden('import-bad-row.stderr.txt', r.stderr);
    expect(r.stderr).toContain('row 3, column "price", value "abc": must be an amount like 12.50 [money.format]');
    expect(snapshot()).toBe(before);
    expect(audit()).toBe(auditBefore);
  });

  it('rejects a new product in a file missing a required column, and a file without the sku column', () => {
    const { db, dir } = demoBook();
    const r = tradeloop(['import', 'products', importFile('products-missing-column.csv'), '--db', db]);
    expect(r.code).toBe(3);
    expectGolden('import-missing-column.stderr.txt', r.stderr);
    const file = join(dir, 'no-sku.csv');
    writeFileSync(file, 'name,price\nPen,1\n');
    const noKey = tradeloop(['import', 'products', file, '--db', db]);
    expect(noKey.code).toBe(3);
    expect(noKey.stderr).toContain('no-sku.csv row 1 (header): column "sku" (编码) is required [header.missing]');
    // A column named in a way no field knows is named back, with the --map that would read it.
    writeFileSync(file, '物料代码,售价\nTEA-001,1\n');
    const unknown = tradeloop(['import', 'products', file, '--db', db]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain(
      'no-sku.csv row 1 (header): "物料代码" names no product field; say which field each holds with --map FILE, e.g. {"sku": "物料代码"} [header.unknown]',
    );
    const mapFile = join(dir, 'map.json');
    writeFileSync(mapFile, '{ "sku": "物料代码" }');
    expect(tradeloop(['import', 'products', file, '--map', mapFile, '--db', db]).stdout).toBe(
      `imported ${file}: 0 new, 1 changed, 0 unchanged\n`,
    );
  });

  it('rejects a sku that appears twice, naming both rows', () => {
    const { db, dir } = demoBook();
    const file = join(dir, 'dup.csv');
    writeFileSync(file, 'sku,name,category,price\nD-1,One,X,1\nD-2,Two,X,2\nD-1,Again,X,3\n');
    const r = tradeloop(['import', 'products', file, '--db', db]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      'dup.csv row 4, column "sku", value "D-1": appears again (first at row 2) [product.sku.duplicate]',
    );
  });

  it('refuses a sku that differs only in case from a product, naming it, and changes nothing', () => {
    const { db, dir, snapshot } = demoBook();
    const before = snapshot();
    const file = join(dir, 'case.csv');
    writeFileSync(file, 'sku,name,category,price\nNEW-1,New thing,新品,5\ntea-001,Again,X,3\nnew-1,Twice,X,3\n');
    const r = tradeloop(['import', 'products', file, '--db', db]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      'case.csv row 3, column "sku", value "tea-001": tea-001 is already a product as TEA-001',
    );
    expect(r.stderr).toContain('case.csv row 4, column "sku", value "new-1": appears again (first at row 2)');
    expect(snapshot()).toBe(before);
  });

  it('previews with --dry-run and changes nothing', () => {
    const { db, dir, snapshot } = demoBook();
    const file = join(dir, 'change.csv');
    writeFileSync(file, 'sku,name,category,price\nTEA-001,西湖龙井 250g,饮料/茶叶,199\nNEW-1,New thing,新品,5\n');
    const before = snapshot();
    const r = tradeloop(['import', 'products', file, '--dry-run', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `would import ${file}: 1 new, 1 changed, 0 unchanged, 1 new categories`,
        // Columns the file lacks (name_en, uom, cost) keep what the book has.
        '  ~ TEA-001  price: 188.00 → 199.00',
        '  + NEW-1',
        '',
      ].join('\n'),
    );
    expect(snapshot()).toBe(before);
  });

  it('updates products already in the book from a file of only some columns, and refuses new ones in it', () => {
    const { db, dir, snapshot } = demoBook();
    const file = join(dir, 'prices.csv');
    writeFileSync(file, '编码,售价\nTEA-001,199\nTEA-002,\n');
    const before = JSON.parse(snapshot()) as Record<string, string>[];
    const blank = tradeloop(['import', 'products', file, '--db', db]);
    expect(blank.code).toBe(3);
    expect(blank.stderr).toContain('prices.csv row 3, column "售价", empty: is required [product.price.required]');
    writeFileSync(file, '编码,售价\nTEA-001,199\n');
    const r = tradeloop(['import', 'products', file, '--db', db]);
    expect(r.stdout).toBe(`imported ${file}: 0 new, 1 changed, 0 unchanged\n`);
    const afterRaw = snapshot();
    const after = JSON.parse(afterRaw) as Record<string, string>[];
    const tea = (list: Record<string, string>[]) => list.find((p) => p.sku === 'TEA-001');
    expect(tea(after)).toEqual({ ...tea(before), price: '199.00' });
    writeFileSync(file, 'sku,price\nTEA-001,210\nNEW-9,5\n');
    const unknown = tradeloop(['import', 'products', file, '--db', db]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain(
      'prices.csv row 3, column "category", empty: is required for a new product (NEW-9 is not in the book); the file has no "category" column [product.category.required]',
    );
    expect(snapshot()).toBe(afterRaw);
  });

  it('gives a JSON summary for scripts', () => {
    const { db } = demoBook();
    const r = tradeloop(['import', 'products', importFile('products-zh-gbk.csv'), '--format', 'json', '--db', db]);
    expect(JSON.parse(r.stdout)).toMatchObject({ dryRun: false, inserted: ['ZH-001', 'ZH-002'], unchanged: 0 });
  });

  it('says which file it cannot read, exit 3', () => {
    const { db } = demoBook();
    const r = tradeloop(['import', 'products', 'no-such-file.csv', '--db', db]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'error: cannot read no-such-file.csv: ENOENT [input.unreadable]\nhint: check the file name and that you may read it\n',
    );
  });

  it('answers book busy with exit 4 when another writer holds the book', async () => {
    const { db } = demoBook();
    // Another process's writer: SQLite's write lock, PostgreSQL's writers' lock.
    const holder = await Book.open(db);
    holder.driver.begin();
    try {
      const r = tradeloop(['import', 'products', importFile('products-zh-gbk.csv'), '--db', db], {
        env: { TRADELOOP_BUSY_TIMEOUT_MS: '100' },
      });
      expect(r.code).toBe(4);
      expect(r.stderr).toContain('[book.busy]');
    } finally {
      holder.driver.rollback();
      holder.close();
    }
  });
});

describe('tradeloop export products', () => {
  it('exports CSV that re-imports unchanged', () => {
    const { db, dir } = demoBook();
    const out = join(dir, 'export.csv');
    expect(tradeloop(['export', 'products', '-o', out, '--db', db]).code).toBe(0);
    expectGolden('export-products.csv', readFileSync(out, 'utf8'));
    const r = tradeloop(['import', 'products', out, '--db', db]);
    expect(r.stdout).toBe(`imported ${out}: 0 new, 0 changed, 260 unchanged\n`);
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const { db, dir } = demoBook();
    const file = join(dir, 'evil.csv');
    writeFileSync(file, 'sku,name,category,price\nX-1,"=HYPERLINK(""http://evil"",""click"")",Evil,1\n');
    expect(tradeloop(['import', 'products', file, '--db', db]).code).toBe(0);
    const csv = tradeloop(['export', 'products', '--db', db]).stdout;
    expect(csv).toContain(`X-1,"'=HYPERLINK(""http://evil"",""click"")"`);
  });
});

describe('choosing the book', () => {
  // Files found by path: a PostgreSQL book is named by its URL only.
  it.skipIf(POSTGRES_RUN)('uses TRADELOOP_DB, then tradeloop.config.json found upward, then ./tradeloop.db', () => {
    const { db } = demoBook();
    expect(tradeloop(['report', 'products', '-f', 'json'], { env: { TRADELOOP_DB: db } }).code).toBe(0);

    const project = tempDir();
    mkdirSync(join(project, 'books'));
    mkdirSync(join(project, 'sub', 'deeper'), { recursive: true });
    copyFileSync(db, join(project, 'books', 'co.db'));
    writeFileSync(join(project, 'tradeloop.config.json'), JSON.stringify({ db: 'books/co.db' }));
    const viaConfig = tradeloop(['report', 'products', '-f', 'json'], { cwd: join(project, 'sub', 'deeper') });
    expect(viaConfig.code, viaConfig.stderr).toBe(0);

    const empty = tempDir();
    const r = tradeloop(['report', 'products'], { cwd: empty });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: no book at ${join(empty, 'tradeloop.db')} [book.not_found]\nhint: create one with \`tradeloop init\`, or point --db / TRADELOOP_DB at an existing book\n`,
    );
    expect(existsSync(join(empty, 'tradeloop.db'))).toBe(false);
  });
});

describe('usage', () => {
  it('gives every command an example in its help', async () => {
    const [{ createProgram }, { leafCommands }] = await Promise.all([
      import('./program.js'),
      import('./help-examples.js'),
    ]);
    const leaves = leafCommands(createProgram());
    expect(leaves.length).toBeGreaterThan(70);
    const without = leaves.filter(([, c]) => {
      let text = '';
      c.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
      c.outputHelp();
      return !/\nExamples?( \(crontab\))?:\n {2}(\$ tradeloop|\d)/.test(text);
    });
    expect(without.map(([path]) => path)).toEqual([]);
    const [, pay] = leaves.find(([path]) => path === 'pay supplier') ?? [];
    let help = '';
    pay?.configureOutput({ writeOut: (s) => (help += s) });
    pay?.outputHelp();
    expect(help).toContain('Example:\n  $ tradeloop pay supplier S01 --date 2026-03-20 --amount 12000');
  });

  it('prints the version and help with examples', () => {
    expect(tradeloop(['--version'])).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
    const help = tradeloop(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(tradeloop(['import', 'products', '--help']).stdout).toContain('税率');
  });

  it('exits 2 on usage errors', () => {
    expect(tradeloop(['bogus']).code).toBe(2);
    expect(tradeloop(['report', 'products', '--format', 'xml']).code).toBe(2);
    expect(tradeloop(['import', 'products']).code).toBe(2);
  });

  it('check exits 1 and names the problem when the book does not agree with itself', () => {
    const { db } = demoBook();
    expect(tradeloop(['check', '--db', db])).toEqual({ code: 0, stdout: '', stderr: '' });
    writeBook(db, 'update stock_balances set value_minor = value_minor + 1 where rowid = 1');
    const r = tradeloop(['check', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: CLN-001 in WH1: .* \[[\w.]+\]\n/);
    expect(r.stderr).toContain('hint: restore the last backup');
  });

  it('refuses a book made by a newer tradeloop', () => {
    const { db } = demoBook();
    writeBook(db, 'insert into kysely_migration (name, timestamp) values (?, ?)', '9999-next', 'x');
    const r = tradeloop(['report', 'products', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('was written by a newer tradeloop (schema 9999-next)');
    expect(r.stderr).toContain('hint: upgrade tradeloop');
  });
});
