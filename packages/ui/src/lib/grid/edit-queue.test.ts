import { describe, expect, it } from 'vitest';
import {
  type AddAnswer,
  type CellEdit,
  type DeleteAnswer,
  EditQueue,
  type Persisted,
  type SaveAnswer,
  type Transport,
} from './edit-queue';

/**
 * A book in memory that answers as the server does: all or nothing, row versions, a negative
 * price refused, and a delay the test releases, so saves can be caught on their way.
 */
function fakeBook() {
  const rows = new Map<string, { version: number; cells: Record<string, string> }>([
    ['A', { version: 1, cells: { price: '1.00', name: 'a' } }],
    ['B', { version: 1, cells: { price: '2.00', name: 'b' } }],
  ]);
  const sent: (CellEdit & { version: number })[][] = [];
  const gates: (() => void)[] = [];
  let held = false;
  const wait = () => (held ? new Promise<void>((r) => gates.push(r)) : Promise.resolve());
  const transport: Transport = {
    async save(edits): Promise<SaveAnswer> {
      sent.push(edits);
      await wait();
      const cells = [];
      for (const e of edits) {
        const row = rows.get(e.key);
        if (!row) cells.push({ key: e.key, column: e.column, code: 'grid.row.unknown', message: 'no row' });
        else if (row.version !== e.version)
          cells.push({ key: e.key, column: e.column, code: 'grid.row.stale', message: 'the row changed' });
        else if (e.value.startsWith('-'))
          cells.push({ key: e.key, column: e.column, code: 'money.negative', message: 'must not be negative' });
      }
      if (cells.length > 0)
        return {
          ok: false,
          status: cells.some((c) => c.code === 'grid.row.stale') ? 409 : 422,
          code: 'x',
          message: 'refused',
          cells,
        };
      const applied = [];
      const touched = new Set<string>();
      for (const e of edits) {
        const row = rows.get(e.key);
        if (!row || row.cells[e.column] === e.value) continue;
        applied.push({ key: e.key, column: e.column, before: row.cells[e.column] ?? '', after: e.value, version: 0 });
        row.cells[e.column] = e.value;
        touched.add(e.key);
      }
      for (const k of touched) (rows.get(k) as { version: number }).version += 1;
      return { ok: true, applied: applied.map((a) => ({ ...a, version: rows.get(a.key)?.version ?? 0 })) };
    },
    async add(values): Promise<AddAnswer> {
      await wait();
      const created = values.map((v) => {
        rows.set(v.key ?? '', { version: 1, cells: { ...v } });
        return { key: v.key ?? '', version: 1 };
      });
      return { ok: true, created };
    },
    async remove(keys): Promise<DeleteAnswer> {
      await wait();
      const deleted = keys.map(({ key }) => {
        const row = rows.get(key);
        rows.delete(key);
        return { key, values: { key, ...row?.cells } };
      });
      return { ok: true, deleted };
    },
  };
  return {
    rows,
    sent,
    transport,
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      for (const g of gates.splice(0)) g();
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function queueOn(book: ReturnType<typeof fakeBook>, restored?: Persisted) {
  const log = { said: [] as string[], stale: [] as string[][], persisted: undefined as Persisted | undefined };
  const q = new EditQueue(
    book.transport,
    {
      changed: () => {},
      applied: () => {},
      rowsChanged: () => {},
      stale: (keys) => log.stale.push(keys),
      say: (text) => log.said.push(text),
      persist: (state) => {
        log.persisted = JSON.parse(JSON.stringify(state));
      },
    },
    restored,
  );
  for (const [key, row] of book.rows) q.saw(key, row.version);
  return { q, log };
}

describe('EditQueue', () => {
  it('sends edits one at a time in order, each with the version its row has by then', async () => {
    const book = fakeBook();
    const { q } = queueOn(book);
    book.hold();
    q.submit([{ key: 'A', column: 'price', value: '5.00' }]);
    q.submit([{ key: 'A', column: 'name', value: 'apple' }]);
    q.submit([{ key: 'A', column: 'price', value: '6.00' }]);
    await settle();
    // The first is on its way; the others wait, and every cell shows what was typed.
    expect(book.sent).toHaveLength(1);
    expect(q.draft('A', 'price')).toMatchObject({ value: '6.00', state: 'saving' });
    expect(q.busy).toBe(true);
    book.release();
    for (let i = 0; i < 5; i++) await settle();
    expect(book.sent.map((s) => s.map((e) => `${e.column}=${e.value}@${e.version}`))).toEqual([
      ['price=5.00@1'],
      ['name=apple@2'],
      ['price=6.00@3'],
    ]);
    expect(book.rows.get('A')?.cells).toEqual({ price: '6.00', name: 'apple' });
    expect(q.drafts.size).toBe(0);
    expect(q.busy).toBe(false);
  });

  it('refuses a change as a whole: bad cells keep their value and reason, the rest are held and go with the fix', async () => {
    const book = fakeBook();
    const { q } = queueOn(book);
    q.submit([
      { key: 'A', column: 'price', value: '7.00' },
      { key: 'B', column: 'price', value: '-1' },
    ]);
    await settle();
    expect(q.draft('B', 'price')).toMatchObject({ value: '-1', state: 'failed', message: 'must not be negative' });
    expect(q.draft('A', 'price')).toMatchObject({ value: '7.00', state: 'held' });
    expect(book.rows.get('A')?.cells.price).toBe('1.00');
    q.submit([{ key: 'B', column: 'price', value: '3.00' }]);
    await settle();
    expect(
      book.sent
        .at(-1)
        ?.map((e) => `${e.key}.${e.column}=${e.value}`)
        .sort(),
    ).toEqual(['A.price=7.00', 'B.price=3.00']);
    expect(book.rows.get('A')?.cells.price).toBe('7.00');
    expect(q.drafts.size).toBe(0);
  });

  it('drops a refused value on discard and sends the rest of its change', async () => {
    const book = fakeBook();
    const { q } = queueOn(book);
    q.submit([
      { key: 'A', column: 'name', value: 'kept' },
      { key: 'B', column: 'price', value: '-1' },
    ]);
    await settle();
    expect(q.discard('B', 'price')).toBe(true);
    await settle();
    expect(book.rows.get('A')?.cells.name).toBe('kept');
    expect(book.rows.get('B')?.cells.price).toBe('2.00');
    expect(q.drafts.size).toBe(0);
  });

  it('undoes and redoes changes, and carries its history across a reload', async () => {
    const book = fakeBook();
    const first = queueOn(book);
    first.q.submit([
      { key: 'A', column: 'price', value: '9.00' },
      { key: 'B', column: 'price', value: '8.00' },
    ]);
    await settle();
    first.q.submit([{ key: 'A', column: 'name', value: 'z' }]);
    await settle();
    expect(first.q.undo()).toBe(true);
    await settle();
    expect(book.rows.get('A')?.cells.name).toBe('a');
    // The page is read again: a new queue from what the old one kept.
    const second = queueOn(book, first.log.persisted);
    expect(second.q.undo()).toBe(true);
    await settle();
    expect([book.rows.get('A')?.cells.price, book.rows.get('B')?.cells.price]).toEqual(['1.00', '2.00']);
    expect(second.q.redo()).toBe(true);
    await settle();
    expect(second.q.redo()).toBe(true);
    await settle();
    expect(book.rows.get('A')?.cells).toEqual({ price: '9.00', name: 'z' });
    expect(second.q.redo()).toBe(false);
    // A new edit clears what could be redone.
    second.q.undo();
    await settle();
    second.q.submit([{ key: 'B', column: 'name', value: 'new' }]);
    await settle();
    expect(second.q.redoStack).toEqual([]);
  });

  it('will not undo over someone else’s later change: the undo is refused and kept', async () => {
    const book = fakeBook();
    const { q, log } = queueOn(book);
    q.submit([{ key: 'A', column: 'price', value: '4.00' }]);
    await settle();
    // Another person changes the row.
    const row = book.rows.get('A') as { version: number; cells: Record<string, string> };
    row.cells.price = '5.00';
    row.version += 1;
    q.saw('A', row.version);
    expect(q.undo()).toBe(true);
    await settle();
    expect(row.cells.price).toBe('5.00');
    expect(log.said.at(-1)).toContain('Cannot undo');
    expect(log.stale).toEqual([['A']]);
    expect(q.undoStack).toHaveLength(1);
    expect(q.drafts.size).toBe(0);
  });

  it('marks a stale edit and sends it again, once the row is read again, when the cell is committed again', async () => {
    const book = fakeBook();
    const { q, log } = queueOn(book);
    const row = book.rows.get('B') as { version: number; cells: Record<string, string> };
    row.version = 5;
    q.submit([{ key: 'B', column: 'name', value: 'mine' }]);
    await settle();
    expect(q.draft('B', 'name')).toMatchObject({ state: 'failed', message: 'the row changed' });
    expect(log.stale).toEqual([['B']]);
    q.saw('B', 5);
    q.submit([{ key: 'B', column: 'name', value: 'mine' }]);
    await settle();
    expect(row.cells.name).toBe('mine');
  });

  it('undoes a delete by adding the rows back, and an add by deleting them', async () => {
    const book = fakeBook();
    const { q } = queueOn(book);
    expect((await q.remove(['B'])).ok).toBe(true);
    expect(book.rows.has('B')).toBe(false);
    q.undo();
    await settle();
    await settle();
    expect(book.rows.get('B')?.cells).toMatchObject({ price: '2.00', name: 'b' });
    expect((await q.add([{ key: 'C', name: 'c' }])).ok).toBe(true);
    q.undo();
    await settle();
    await settle();
    expect(book.rows.has('C')).toBe(false);
  });
});
