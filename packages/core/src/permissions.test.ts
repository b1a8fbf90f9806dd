import { describe, expect, it } from 'vitest';
import {
  type Actor,
  can,
  commandPermission,
  customerScope,
  inScope,
  PERMISSIONS,
  ROLES,
  requirePermission,
  seesColumns,
} from './permissions.js';

const actor = (roles: Actor['roles'], extra: Partial<Actor> = {}): Actor => ({ user: 'u', roles, ...extra });

describe('the permission matrix', () => {
  it('lets the owner do everything and the auditor change nothing', () => {
    for (const p of PERMISSIONS) expect(can(actor(['owner']), p)).toBe(true);
    const writes = PERMISSIONS.filter((p) => p.endsWith('.write') || p === 'jobs.run' || p === 'users.manage');
    for (const p of writes) expect(can(actor(['auditor']), p), p).toBe(false);
    expect(can(actor(['auditor']), 'audit.read')).toBe(true);
  });

  it('gives a user the union of their roles', () => {
    expect(can(actor(['salesperson']), 'stock.write')).toBe(false);
    expect(can(actor(['salesperson', 'warehouse']), 'stock.write')).toBe(true);
    expect(can(actor([]), 'book.read')).toBe(false);
  });

  it('names the permission and the roles that have it when it refuses', () => {
    const r = requirePermission({ user: 'lin', roles: ['salesperson'] }, 'finance.write');
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          code: 'permission.denied',
          path: ['finance.write'],
          message: 'lin (salesperson) may not finance.write; it needs owner or accountant',
        },
      ],
    });
  });

  it('closes a command it does not know to all but the owner', () => {
    expect(commandPermission('placeSalesOrder')).toBe('sales.write');
    expect(commandPermission('editProduct.price')).toBe('master.write');
    expect(commandPermission('somethingNew')).toBe('book.admin');
    expect(ROLES.filter((r) => can(actor([r]), 'book.admin'))).toEqual(['owner']);
  });

  it('hides cost from sales and the warehouse, and shows it to purchasing and accounts', () => {
    expect(seesColumns(actor(['salesperson']), 'cost')).toBe(false);
    expect(seesColumns(actor(['warehouse']), 'cost')).toBe(false);
    expect(seesColumns(actor(['purchasing']), 'cost')).toBe(true);
    expect(seesColumns(actor(['accountant']), 'credit')).toBe(true);
    expect(seesColumns(actor(['sales_manager']), 'supplier_price')).toBe(false);
  });
});

describe('customerScope', () => {
  it('limits a salesperson to their own, a manager to their team, a customer to themselves', () => {
    const own = customerScope(actor(['salesperson'], { salesperson: 'lin' }));
    expect(own).toEqual({ kind: 'salespeople', salespeople: ['lin'] });
    expect(inScope(own, { salesperson: 'lin' })).toBe(true);
    expect(inScope(own, { salesperson: 'chen' })).toBe(false);
    expect(inScope(own, { salesperson: null })).toBe(false);
    const team = customerScope(actor(['sales_manager'], { salesperson: 'li', team: ['li', 'lin', 'chen'] }));
    expect(inScope(team, { salesperson: 'chen' })).toBe(true);
    expect(inScope(team, { salesperson: 'zhou' })).toBe(false);
    const buyer = customerScope(actor(['customer'], { customer: 'C001' }));
    expect(inScope(buyer, { customer: 'C001', salesperson: 'lin' })).toBe(true);
    expect(inScope(buyer, { customer: 'C002' })).toBe(false);
  });

  it('lets the widest role win, and gives a salesperson linked to no one nothing', () => {
    expect(customerScope(actor(['salesperson', 'accountant'], { salesperson: 'lin' }))).toEqual({ kind: 'all' });
    expect(customerScope(actor(['salesperson']))).toEqual({ kind: 'none' });
    expect(customerScope(actor(['sales_manager']))).toEqual({ kind: 'all' });
  });
});
