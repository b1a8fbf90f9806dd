import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bulkInsert } from './bulk-insert.js';
import { SqliteDriver } from './driver.js';

const open = () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec(`create table parents (id integer primary key, name text not null);
    create table children (id integer primary key, parent_id integer not null references parents(id), qty integer)`);
  return db;
};

describe('bulkInsert', () => {
  it('writes every row, full batches as they fill and the rest on flush', () => {
    const db = open();
    const parents = bulkInsert(new SqliteDriver(db), 'parents', ['id', 'name'], { rowsPer: 4 });
    for (let i = 1; i <= 10; i++) parents.add(i, `p${i}`);
    expect(db.prepare('select count(*) as n from parents').get()).toEqual({ n: 8 });
    expect(parents.pending).toBe(2);
    parents.flush();
    expect(parents.pending).toBe(0);
    expect(db.prepare('select group_concat(name) as names from parents').get()).toEqual({
      names: 'p1,p2,p3,p4,p5,p6,p7,p8,p9,p10',
    });
  });

  it("writes a table's parents first, so foreign keys see them", () => {
    const db = open();
    const parents = bulkInsert(new SqliteDriver(db), 'parents', ['id', 'name'], { rowsPer: 50 });
    const children = bulkInsert(new SqliteDriver(db), 'children', ['parent_id', 'qty'], {
      rowsPer: 3,
      parents: [parents],
    });
    for (let i = 1; i <= 5; i++) {
      parents.add(i, `p${i}`);
      children.add(i, i * 10);
      children.add(i, i * 100);
    }
    children.flush();
    expect(db.prepare('select count(*) as n, sum(qty) as qty from children').get()).toEqual({ n: 10, qty: 1650 });
  });

  it('tells after every write, also one a child caused', () => {
    const db = open();
    let writes = 0;
    const parents = bulkInsert(new SqliteDriver(db), 'parents', ['id', 'name'], {
      rowsPer: 50,
      onWrite: () => writes++,
    });
    const children = bulkInsert(new SqliteDriver(db), 'children', ['parent_id', 'qty'], {
      rowsPer: 2,
      parents: [parents],
    });
    parents.add(1, 'p1');
    expect(writes).toBe(0);
    children.add(1, 1);
    children.add(1, 2);
    expect([writes, parents.pending]).toEqual([1, 0]);
    children.flush();
    expect(writes).toBe(1);
  });

  it('refuses a row with the wrong number of values', () => {
    const db = open();
    const parents = bulkInsert(new SqliteDriver(db), 'parents', ['id', 'name']);
    expect(() => parents.add(1)).toThrow(/parents: 1 values for 2 columns/);
  });

  it('without its parents written, the foreign key stops the batch', () => {
    const db = open();
    const children = bulkInsert(new SqliteDriver(db), 'children', ['parent_id', 'qty'], { rowsPer: 1 });
    expect(() => children.add(99, 1)).toThrow(/FOREIGN KEY/);
  });
});
