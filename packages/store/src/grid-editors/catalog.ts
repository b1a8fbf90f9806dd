import {
  type CustomerRow,
  customerColumns,
  customerRowSchema,
  normalizeName,
  type Product,
  productColumns,
  productSchema,
} from '@tradeloop/core';
import type { Book } from '../book.js';
import { getProduct, skusByCase } from '../products.js';
import { searchInitials } from '../search-initials.js';
import { type Editor, fieldIssue, fromSpecs, referencedMessage, referrers } from './kit.js';

/** The category's id, the path and its parents created as an import would. */
function ensureCategoryId(book: Book, path: string): number {
  const found = book.exec.value<number>('select id from categories where path = ?', path);
  if (found !== undefined) return found;
  const parts = path.split('/');
  const parent = parts.length > 1 ? ensureCategoryId(book, parts.slice(0, -1).join('/')) : null;
  return Number(
    book.exec.execute(
      'insert into categories (path, name, parent_id) values (?, ?, ?)',
      path,
      parts.at(-1) ?? path,
      parent,
    ).lastInsertRowid,
  );
}

export const productEditor = (book: Book): Editor<Product> => {
  const columns = productColumns(book.moneyOptions());
  const idOf = (b: Book, sku: string) => b.exec.value<number>('select id from products where sku = ?', sku);
  let byCase: Map<string, string> | undefined;
  return {
    ...fromSpecs(columns, productSchema, 'product'),
    load: (b, key) => {
      const record = getProduct(b, key);
      if (!record) return undefined;
      return { record, version: b.exec.value<number>('select version from products where sku = ?', key) ?? 0 };
    },
    check: () => [],
    write: (b, key, p) => {
      b.exec.execute(
        `update products set name = ?, initials = ?, name_en = ?, category_id = ?, uom = ?, price_minor = ?,
           cost_minor = ?, tax_rate_bp = ?, listed = ?, updated_at = ? where sku = ?`,
        p.name,
        searchInitials(p.name),
        p.nameEn,
        ensureCategoryId(b, p.category),
        p.uom,
        p.price,
        p.cost,
        p.taxRate,
        p.listed ? 1 : 0,
        b.now(),
        key,
      );
    },
    blank: () =>
      ({
        sku: '',
        name: '',
        nameEn: null,
        category: '',
        uom: '',
        price: 0,
        cost: 0,
        taxRate: 0,
        listed: true,
      }) as Product,
    keyOf: (p) => p.sku,
    // SKUs are one code whatever their case, as everywhere in the book. Read once per batch: the
    // batch's own rows are compared with each other by the engine.
    clash: (b, p) => {
      byCase ??= skusByCase(b);
      return byCase.get(p.sku.toLowerCase());
    },
    insert: (b, p) => {
      const now = b.now();
      b.exec.execute(
        `insert into products (sku, name, initials, name_en, category_id, uom, price_minor, cost_minor, tax_rate_bp,
           listed, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        p.sku,
        p.name,
        searchInitials(p.name),
        p.nameEn,
        ensureCategoryId(b, p.category),
        p.uom,
        p.price,
        p.cost,
        p.taxRate,
        p.listed ? 1 : 0,
        now,
        now,
      );
      return p.sku;
    },
    referenced: (b, key) => {
      const parts = referrers(b, 'products', idOf(b, key) ?? -1);
      return parts.length > 0 ? referencedMessage(key, parts, 'set Listed to no instead') : undefined;
    },
    remove: (b, key) => b.exec.execute('delete from products where sku = ?', key),
  };
};

const CUSTOMER_LOAD = 'select c.*, s.code as owner from customers c left join salespeople s on s.id = c.owner_id';

export const customerEditor = (book: Book): Editor<CustomerRow> => {
  const columns = customerColumns(book.moneyOptions());
  const row = (c: CustomerRow) => [
    c.name,
    normalizeName(c.name),
    searchInitials(c.name),
    c.tier,
    c.channel,
    c.region,
    c.owner,
    c.creditLimit,
    c.terms,
    c.paymentDays,
    c.taxId,
    c.phone,
    c.address,
    c.bankAccount,
  ];
  return {
    ...fromSpecs(columns, customerRowSchema, 'customer'),
    load: (b, key) => {
      const [r] = b.exec.select<Record<string, unknown>>(`${CUSTOMER_LOAD} where c.code = ?`, key);
      if (!r) return undefined;
      const record: CustomerRow = {
        code: r.code as string,
        name: r.name as string,
        tier: r.tier as string | null,
        channel: r.channel as string | null,
        region: r.region as string | null,
        owner: r.owner as string | null,
        creditLimit: r.credit_limit_minor as number | null,
        terms: r.terms as CustomerRow['terms'],
        paymentDays: r.payment_days as number,
        taxId: r.tax_id as string | null,
        phone: r.phone as string | null,
        address: r.address as string | null,
        bankAccount: r.bank_account as string | null,
      };
      return { record, version: r.version as number, owner: { salesperson: record.owner, customer: record.code } };
    },
    check: (b, c) =>
      c.owner !== null && b.exec.value<number>('select id from salespeople where code = ?', c.owner) === undefined
        ? [fieldIssue('owner', 'customer.owner.unknown', `no salesperson ${c.owner}`, c.owner)]
        : [],
    write: (b, key, c, was) => {
      b.exec.execute(
        `update customers set name = ?, normalized_name = ?, initials = ?, tier = ?, channel = ?, region = ?,
           owner_id = (select id from salespeople where code = ?), credit_limit_minor = ?, terms = ?, payment_days = ?,
           tax_id = ?, phone = ?, address = ?, bank_account = ? where code = ?`,
        ...row(c),
        key,
      );
      // A new owner claims the customer anew, as an import does.
      if (c.owner !== was.owner)
        b.exec.execute(
          'update customers set claimed_at = ? where code = ?',
          c.owner === null ? null : b.now().slice(0, 10),
          key,
        );
    },
    blank: () => ({
      code: '',
      name: '',
      tier: null,
      channel: null,
      region: null,
      owner: null,
      creditLimit: null,
      terms: 'credit',
      paymentDays: 30,
      taxId: null,
      phone: null,
      address: null,
      bankAccount: null,
    }),
    keyOf: (c) => c.code,
    clash: (b, c) => b.exec.value<string>('select code from customers where lower(code) = lower(?)', c.code),
    ownerOf: (_b, c) => ({ salesperson: c.owner, customer: c.code }),
    insert: (b, c) => {
      b.exec.execute(
        `insert into customers (name, normalized_name, initials, tier, channel, region, owner_id, credit_limit_minor,
           terms, payment_days, tax_id, phone, address, bank_account, claimed_at, code)
         values (?, ?, ?, ?, ?, ?, (select id from salespeople where code = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ...row(c),
        c.owner === null ? null : b.now().slice(0, 10),
        c.code,
      );
      return c.code;
    },
    referenced: (b, key) => {
      const id = b.exec.value<number>('select id from customers where code = ?', key) ?? -1;
      const parts = referrers(b, 'customers', id, ['contacts']);
      return parts.length > 0 ? referencedMessage(key, parts, 'release it or leave it instead') : undefined;
    },
    // Contacts are the customer's own: they go with it.
    remove: (b, key) => {
      const id = b.exec.value<number>('select id from customers where code = ?', key);
      b.exec.execute('delete from contacts where customer_id = ?', id);
      b.exec.execute('delete from customers where id = ?', id);
    },
  };
};
