import {
  type ContactRow,
  contactColumns,
  contactRowSchema,
  type SalespersonRow,
  type SupplierRow,
  salespersonColumns,
  salespersonRowSchema,
  supplierColumns,
  supplierRowSchema,
  type WarehouseRow,
  warehouseColumns,
  warehouseRowSchema,
} from '@tradeloop/core';
import type { Book } from '../book.js';
import { jsonValues } from '../dialect.js';
import { type Editor, fieldIssue, fromSpecs, referencedMessage, referrers } from './kit.js';

const idByCode = (b: Book, table: string, code: string) =>
  b.exec.value<number>(`select id from ${table} where code = ?`, code);
/** The code of a row of `table` whose code is this one in another case, as the book compares codes. */
const codeClash = (b: Book, table: string, code: string) =>
  b.exec.value<string>(`select code from ${table} where lower(code) = lower(?)`, code);

export const contactEditor = (): Editor<ContactRow> => {
  const load = (b: Book, key: string) =>
    b.exec.selectOne<Record<string, unknown>>(
      `select k.*, c.code as customer, s.code as owner from contacts k join customers c on c.id = k.customer_id
         left join salespeople s on s.id = c.owner_id where k.id = ?`,
      Number(key),
    );
  return {
    ...fromSpecs(contactColumns(), contactRowSchema, 'contact'),
    load: (b, key) => {
      const r = /^\d+$/.test(key) ? load(b, key) : undefined;
      if (!r) return undefined;
      const record: ContactRow = {
        customer: r.customer as string,
        name: r.name as string,
        title: (r.title as string | null) ?? null,
        phone: (r.phone as string | null) ?? null,
        email: (r.email as string | null) ?? null,
        wechat: (r.wechat as string | null) ?? null,
      };
      return {
        record,
        version: r.version as number,
        owner: { salesperson: r.owner as string | null, customer: record.customer },
      };
    },
    check: (b, k, key) => {
      const customer = idByCode(b, 'customers', k.customer);
      if (customer === undefined)
        return [fieldIssue('customer', 'contact.customer.unknown', `no customer ${k.customer}`, k.customer)];
      const other = b.exec.value<number>(
        'select id from contacts where customer_id = ? and name = ? and id is distinct from ?',
        customer,
        k.name,
        key === undefined ? null : Number(key),
      );
      return other === undefined
        ? []
        : [fieldIssue('name', 'contact.name.duplicate', `${k.customer} already has a contact ${k.name}`, k.name)];
    },
    write: (b, key, k) => {
      b.exec.execute(
        'update contacts set name = ?, title = ?, phone = ?, email = ?, wechat = ? where id = ?',
        k.name,
        k.title,
        k.phone,
        k.email,
        k.wechat,
        Number(key),
      );
    },
    blank: () => ({ customer: '', name: '', title: null, phone: null, email: null, wechat: null }),
    keyOf: (k) => `${k.customer} ${k.name}`,
    ownerOf: (b, k) => ({
      customer: k.customer,
      salesperson:
        b.exec.value<string>(
          'select s.code from customers c join salespeople s on s.id = c.owner_id where c.code = ?',
          k.customer,
        ) ?? null,
    }),
    insert: (b, k) =>
      String(
        b.exec.execute(
          'insert into contacts (customer_id, name, title, phone, email, wechat) values (?, ?, ?, ?, ?, ?)',
          idByCode(b, 'customers', k.customer),
          k.name,
          k.title,
          k.phone,
          k.email,
          k.wechat,
        ).lastInsertRowid,
      ),
    remove: (b, key) => b.exec.execute('delete from contacts where id = ?', Number(key)),
  };
};

export const supplierEditor = (): Editor<SupplierRow> => ({
  ...fromSpecs(supplierColumns(), supplierRowSchema, 'supplier'),
  load: (b, key) => {
    const r = b.exec.selectOne<Record<string, unknown>>('select * from suppliers where code = ?', key);
    if (!r) return undefined;
    return {
      record: {
        code: r.code as string,
        name: r.name as string,
        grade: r.grade as SupplierRow['grade'],
        paymentDays: r.payment_days as number,
        taxId: r.tax_id as string | null,
      },
      version: r.version as number,
    };
  },
  check: () => [],
  write: (b, key, s) => {
    b.exec.execute(
      'update suppliers set name = ?, grade = ?, payment_days = ?, tax_id = ? where code = ?',
      s.name,
      s.grade,
      s.paymentDays,
      s.taxId,
      key,
    );
  },
  blank: () => ({ code: '', name: '', grade: 'B', paymentDays: 30, taxId: null }),
  keyOf: (s) => s.code,
  clash: (b, s) => codeClash(b, 'suppliers', s.code),
  insert: (b, s) => {
    b.exec.execute(
      'insert into suppliers (code, name, grade, payment_days, tax_id) values (?, ?, ?, ?, ?)',
      s.code,
      s.name,
      s.grade,
      s.paymentDays,
      s.taxId,
    );
    return s.code;
  },
  referenced: (b, key) => {
    const parts = referrers(b, 'suppliers', idByCode(b, 'suppliers', key) ?? -1);
    return parts.length > 0 ? referencedMessage(key, parts, 'keep it; it is history') : undefined;
  },
  remove: (b, key) => b.exec.execute('delete from suppliers where code = ?', key),
});

/** The salespeople above one, nearest first: the chain a new manager must not close into a loop. */
function managersAbove(b: Book, code: string): string[] {
  const out: string[] = [];
  let at: string | undefined = code;
  while (at !== undefined && !out.includes(at)) {
    out.push(at);
    at = b.exec.value<string>(
      'select m.code from salespeople s join salespeople m on m.id = s.manager_id where s.code = ?',
      at,
    );
  }
  return out;
}

export const salespersonEditor = (): Editor<SalespersonRow> => ({
  ...fromSpecs(salespersonColumns(), salespersonRowSchema, 'salesperson'),
  load: (b, key) => {
    const r = b.exec.selectOne<Record<string, unknown>>(
      'select s.*, m.code as manager from salespeople s left join salespeople m on m.id = s.manager_id where s.code = ?',
      key,
    );
    if (!r) return undefined;
    return {
      record: {
        code: r.code as string,
        name: r.name as string,
        level: r.level as string,
        manager: r.manager as string | null,
        maxDiscount: r.max_discount_bp as number,
      },
      version: r.version as number,
    };
  },
  check: (b, s) => {
    if (s.manager === null) return [];
    if (idByCode(b, 'salespeople', s.manager) === undefined)
      return [fieldIssue('manager', 'salesperson.manager.unknown', `no salesperson ${s.manager}`, s.manager)];
    // Reports to someone who (through others) reports to them: nobody would be at the top.
    if (managersAbove(b, s.manager).includes(s.code))
      return [
        fieldIssue('manager', 'salesperson.manager.cycle', `${s.manager} reports to ${s.code} already`, s.manager),
      ];
    return [];
  },
  write: (b, key, s) => {
    b.exec.execute(
      `update salespeople set name = ?, level = ?, max_discount_bp = ?,
         manager_id = (select id from salespeople where code = ?) where code = ?`,
      s.name,
      s.level,
      s.maxDiscount,
      s.manager,
      key,
    );
  },
  blank: () => ({ code: '', name: '', level: '', manager: null, maxDiscount: 0 }),
  keyOf: (s) => s.code,
  clash: (b, s) => codeClash(b, 'salespeople', s.code),
  insert: (b, s) => {
    b.exec.execute(
      `insert into salespeople (code, name, level, max_discount_bp, manager_id)
         values (?, ?, ?, ?, (select id from salespeople where code = ?))`,
      s.code,
      s.name,
      s.level,
      s.maxDiscount,
      s.manager,
    );
    return s.code;
  },
  referenced: (b, key) => {
    const parts = referrers(b, 'salespeople', idByCode(b, 'salespeople', key) ?? -1);
    return parts.length > 0
      ? referencedMessage(key, parts, 'give their customers and reports another owner first')
      : undefined;
  },
  remove: (b, key) => b.exec.execute('delete from salespeople where code = ?', key),
});

const binsOf = (b: Book, warehouse: number | undefined) =>
  b.exec
    .select<{ code: string }>('select code from bins where warehouse_id = ? order by code', warehouse ?? -1)
    .map((r) => r.code);

export const warehouseEditor = (): Editor<WarehouseRow> => ({
  ...fromSpecs(warehouseColumns(), warehouseRowSchema, 'warehouse'),
  load: (b, key) => {
    const r = b.exec.selectOne<Record<string, unknown>>('select * from warehouses where code = ?', key);
    if (!r) return undefined;
    const bins = binsOf(b, r.id as number);
    return {
      record: {
        code: r.code as string,
        name: r.name as string,
        type: r.type as WarehouseRow['type'],
        bins: bins.length > 0 ? bins : null,
      },
      version: r.version as number,
    };
  },
  check: (b, w, key) => {
    if (key === undefined) return [];
    const id = idByCode(b, 'warehouses', key);
    const kept = new Set(w.bins ?? []);
    const dropped = binsOf(b, id).filter((bin) => !kept.has(bin));
    // The book keeps stock by warehouse, not by bin: while the warehouse holds any, a bin taken
    // away may be where it sits.
    const holds = b.exec.value<number>(
      'select count(*) from stock_balances where warehouse_id = ? and on_hand <> 0',
      id,
    );
    return dropped.length > 0 && (holds ?? 0) > 0
      ? [
          fieldIssue(
            'bins',
            'warehouse.bins.in_use',
            `${key} holds stock: bin ${dropped.join(', ')} cannot be removed until it is empty`,
            dropped.join(';'),
          ),
        ]
      : [];
  },
  write: (b, key, w) => {
    b.exec.execute('update warehouses set name = ?, type = ? where code = ?', w.name, w.type, key);
    const id = idByCode(b, 'warehouses', key);
    const bins = w.bins ?? [];
    b.exec.execute(
      `delete from bins where warehouse_id = ? and code not in (${jsonValues(b)})`,
      id,
      JSON.stringify(bins),
    );
    for (const bin of bins)
      b.exec.execute('insert into bins (warehouse_id, code) values (?, ?) on conflict do nothing', id, bin);
  },
  blank: () => ({ code: '', name: '', type: 'main', bins: null }),
  keyOf: (w) => w.code,
  clash: (b, w) => codeClash(b, 'warehouses', w.code),
  insert: (b, w) => {
    const id = b.exec.execute(
      'insert into warehouses (code, name, type) values (?, ?, ?)',
      w.code,
      w.name,
      w.type,
    ).lastInsertRowid;
    for (const bin of w.bins ?? [])
      b.exec.execute('insert into bins (warehouse_id, code) values (?, ?) on conflict do nothing', id, bin);
    return w.code;
  },
  referenced: (b, key) => {
    const parts = referrers(b, 'warehouses', idByCode(b, 'warehouses', key) ?? -1, ['bins']);
    return parts.length > 0 ? referencedMessage(key, parts, 'keep it; it is history') : undefined;
  },
  remove: (b, key) => {
    const id = idByCode(b, 'warehouses', key);
    b.exec.execute('delete from bins where warehouse_id = ?', id);
    b.exec.execute('delete from warehouses where id = ?', id);
  },
});
