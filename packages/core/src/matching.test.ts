import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchStatement, normalizeName, type OpenInvoice, type StatementLine } from './matching.js';

const invoices: OpenInvoice[] = [
  {
    id: 'INV-2026-0007',
    party: 'C001',
    partyName: '华东贸易有限公司',
    date: '2026-02-01',
    dueDate: '2026-03-03',
    outstanding: 113_000,
  },
  {
    id: 'INV-2026-0011',
    party: 'C001',
    partyName: '华东贸易有限公司',
    date: '2026-02-10',
    dueDate: '2026-03-12',
    outstanding: 50_000,
  },
  {
    id: 'INV-2026-0015',
    party: 'C001',
    partyName: '华东贸易有限公司',
    date: '2026-02-20',
    dueDate: '2026-03-22',
    outstanding: 20_000,
  },
  {
    id: 'INV-2026-0020',
    party: 'C002',
    partyName: 'Bright Star Co., Ltd.',
    aliases: ['张伟'],
    date: '2026-02-15',
    dueDate: '2026-03-15',
    outstanding: 88_800,
  },
  {
    id: 'INV-2026-0021',
    party: 'C003',
    partyName: '南方食品',
    date: '2026-02-16',
    dueDate: '2026-03-16',
    outstanding: 45_600,
  },
];
const line = (id: string, amount: number, payer: string, memo = '', date = '2026-03-05'): StatementLine => ({
  id,
  date,
  amount,
  payer,
  memo,
});

describe('normalizeName', () => {
  it('drops width, case, spaces, punctuation and company suffixes', () => {
    expect(normalizeName('华东贸易有限公司')).toBe('华东贸易');
    expect(normalizeName('Bright Star Co., Ltd.')).toBe('brightstar');
    expect(normalizeName('ＢＲＩＧＨＴ　ＳＴＡＲ')).toBe('brightstar');
  });
});

describe('matchStatement', () => {
  it('trusts an invoice number in the memo first', () => {
    const r = matchStatement([line('L1', 113_000, '某某', '货款 inv 2026 0007 谢谢')], invoices);
    expect(r.proposals).toEqual([
      {
        line: 'L1',
        party: 'C001',
        rule: 'reference',
        confidence: 95,
        allocations: [{ invoice: 'INV-2026-0007', amount: 113_000 }],
        advance: 0,
        writeOff: 0,
        reason: 'memo names INV-2026-0007',
      },
    ]);
  });

  it('settles the payer’s oldest invoices when the amount adds up to them', () => {
    // 1,130.00 + 500.00 = 1,630.00 from 华东贸易 with no invoice number
    const r = matchStatement([line('L2', 163_000, '华东贸易', '三月货款')], invoices);
    expect(r.proposals[0]).toMatchObject({
      rule: 'amount_payer',
      confidence: 85,
      allocations: [
        { invoice: 'INV-2026-0007', amount: 113_000 },
        { invoice: 'INV-2026-0011', amount: 50_000 },
      ],
      advance: 0,
    });
  });

  it('matches a payer alias and an exact invoice amount', () => {
    const r = matchStatement([line('L3', 88_800, '张伟', '微信转账')], invoices);
    expect(r.proposals[0]).toMatchObject({
      party: 'C002',
      rule: 'amount_payer',
      confidence: 90,
      allocations: [{ invoice: 'INV-2026-0020', amount: 88_800 }],
    });
  });

  it('turns an over-payment into an advance and writes off a small shortfall', () => {
    const r = matchStatement(
      [
        line('L4', 200_000, '华东贸易有限公司', '', '2026-03-06'),
        line('L5', 88_750, 'Bright Star', 'payment', '2026-03-07'),
      ],
      invoices,
    );
    // L4: all three of C001's invoices (1,830.00), 170.00 left as an advance.
    expect(r.proposals[0]).toMatchObject({ rule: 'amount_payer', confidence: 70, advance: 17_000, writeOff: 0 });
    expect(r.proposals[0]?.allocations.map((a) => a.amount)).toEqual([113_000, 50_000, 20_000]);
    // L5: 0.50 short of 888.00: within the 1.00 tolerance, written off.
    expect(r.proposals[1]).toMatchObject({
      allocations: [{ invoice: 'INV-2026-0020', amount: 88_800 }],
      advance: 0,
      writeOff: 50,
    });
  });

  it('falls back to a lone amount due within the window, and never settles an invoice twice', () => {
    const r = matchStatement(
      [line('L6', 45_600, 'UNKNOWN PAYER', '', '2026-03-18'), line('L7', 45_600, 'UNKNOWN PAYER', '', '2026-03-19')],
      invoices,
    );
    expect(r.proposals).toHaveLength(1);
    expect(r.proposals[0]).toMatchObject({ line: 'L6', rule: 'amount_window', confidence: 50 });
    expect(r.unmatched).toEqual([
      { line: expect.objectContaining({ id: 'L7' }), reason: 'no invoice number, customer or amount matches' },
    ]);
  });

  it('leaves what it cannot place in the claim queue, with the reason', () => {
    const twins: OpenInvoice[] = [
      { ...invoices[0], id: 'A-0001', outstanding: 10_000 } as OpenInvoice,
      { ...invoices[3], id: 'B-0001', dueDate: '2026-03-08', outstanding: 10_000 } as OpenInvoice,
    ];
    const r = matchStatement([line('L8', 10_000, 'x', '', '2026-03-05'), line('L9', -500, 'bank fee')], twins);
    expect(r.unmatched.map((u) => u.reason)).toEqual([
      '2 open invoices have this amount',
      'money out: not a customer payment',
    ]);
  });

  it('always balances: allocations = amount − advance + write-off, and no invoice is over-settled', () => {
    const amounts = fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(
        amounts,
        fc.array(fc.record({ amount: fc.integer({ min: 1, max: 600_000 }), who: fc.nat(3), ref: fc.nat(10) }), {
          maxLength: 10,
        }),
        (outs, pays) => {
          const invs: OpenInvoice[] = outs.map((o, i) => ({
            id: `INV-${1000 + i}`,
            party: `C${i % 3}`,
            partyName: ['华东贸易', 'Bright Star', '南方食品'][i % 3] ?? '',
            date: '2026-02-01',
            dueDate: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
            outstanding: o,
          }));
          const lines = pays.map((p, i) =>
            line(
              `L${i}`,
              p.amount,
              ['华东贸易', 'Bright Star', '南方食品', 'nobody'][p.who] ?? '',
              p.ref < outs.length ? `INV-${1000 + p.ref}` : '',
            ),
          );
          const r = matchStatement(lines, invs);
          const settled = new Map<string, number>();
          for (const p of r.proposals) {
            const l = lines.find((x) => x.id === p.line);
            const sum = p.allocations.reduce((s, a) => s + a.amount, 0);
            expect(sum).toBe((l?.amount ?? 0) - p.advance + p.writeOff);
            expect(p.advance).toBeGreaterThanOrEqual(0);
            for (const a of p.allocations) settled.set(a.invoice, (settled.get(a.invoice) ?? 0) + a.amount);
          }
          for (const inv of invs) expect(settled.get(inv.id) ?? 0).toBeLessThanOrEqual(inv.outstanding);
          expect(r.proposals.length + r.unmatched.length).toBe(lines.length);
        },
      ),
    );
  });
});
