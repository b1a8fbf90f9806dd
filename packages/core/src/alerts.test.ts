import { describe, expect, it } from 'vitest';
import { ALERT_KINDS, ALERT_ROLES, alertAddressedTo, alertRoles, alertSubject } from './alerts.js';

describe('who an alert is addressed to', () => {
  it('names at least one role for every kind the alerts run makes', () => {
    for (const kind of ALERT_KINDS) expect(ALERT_ROLES[kind].length).toBeGreaterThan(0);
  });

  it('sends money to the accountant, stock to purchasing and the warehouse, customers to their salesperson', () => {
    expect(alertAddressedTo({ roles: ['accountant'] }, 'overdue_receivable')).toBe(true);
    expect(alertAddressedTo({ roles: ['salesperson'] }, 'overdue_receivable')).toBe(true);
    expect(alertAddressedTo({ roles: ['purchasing'] }, 'below_reorder_point')).toBe(true);
    expect(alertAddressedTo({ roles: ['warehouse'] }, 'near_expiry')).toBe(true);
    expect(alertAddressedTo({ roles: ['salesperson'] }, 'follow_up_due')).toBe(true);
    expect(alertAddressedTo({ roles: ['warehouse'] }, 'overdue_receivable')).toBe(false);
    expect(alertAddressedTo({ roles: ['salesperson'] }, 'below_reorder_point')).toBe(false);
    expect(alertAddressedTo({ roles: ['accountant'] }, 'near_expiry')).toBe(false);
  });

  it('gives the owner every alert and who only reads none', () => {
    for (const kind of [...ALERT_KINDS, 'some_new_kind']) {
      expect(alertAddressedTo({ roles: ['owner'] }, kind)).toBe(true);
      expect(alertAddressedTo({ roles: ['auditor'] }, kind)).toBe(false);
      expect(alertAddressedTo({ roles: ['customer'] }, kind)).toBe(false);
    }
    expect(alertRoles('some_new_kind')).toEqual([]);
  });
});

describe('what an alert names', () => {
  it('reads the subject as the alerts run writes it', () => {
    expect(alertSubject('overdue_receivable', 'INV-2026-000001')).toEqual({ invoice: 'INV-2026-000001' });
    expect(alertSubject('below_reorder_point', 'TEA-001@WH1')).toEqual({ sku: 'TEA-001', warehouse: 'WH1' });
    expect(alertSubject('near_expiry', 'TEA-001@WH1@2026-04-01')).toEqual({
      sku: 'TEA-001',
      warehouse: 'WH1',
      expiry: '2026-04-01',
    });
    expect(alertSubject('po_late', 'PO-1/SO-2')).toEqual({ purchaseOrder: 'PO-1', order: 'SO-2' });
    expect(alertSubject('customer_lapsing', 'C001')).toEqual({ customer: 'C001' });
    expect(alertSubject('unknown', 'x')).toEqual({});
  });
});
