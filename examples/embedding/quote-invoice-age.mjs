// Embed the core rules in your own program: price a sale, total it, post it, and age it.
// Run: node examples/embedding/quote-invoice-age.mjs
import {
  ageReceivables,
  formatMoney,
  formatPriceTrace,
  orderTotals,
  postSalesInvoice,
  resolvePrice,
  trialBalance,
} from '@tradeloop/core';

const request = {
  product: { sku: 'TEA-001', category: '饮料/茶叶', floorPrice: 15000 },
  customer: { code: 'ACME', tier: 'VIP' },
  qty: 12_000,
  date: '2026-03-05',
  salesperson: { code: 'lin', level: 'junior', maxDiscount: 1000 },
};
const rules = {
  priceLists: [
    { code: 'BASE', scope: { kind: 'base' }, prices: [{ sku: 'TEA-001', minQty: 0, price: 18800 }] },
    { code: 'VIP', scope: { kind: 'tier', tier: 'VIP' }, prices: [{ sku: 'TEA-001', minQty: 0, price: 17500 }] },
  ],
  promotions: [
    {
      code: 'SPRING',
      kind: 'percent',
      value: 500,
      validFrom: '2026-03-01',
      validTo: '2026-03-31',
      applies: { categories: ['饮料'] },
    },
  ],
};

const price = resolvePrice(request, rules);
if (!price.ok) throw new Error(price.issues[0].message);
console.log(formatPriceTrace(request, price.value));

const priced = orderTotals({
  taxMode: price.value.taxMode,
  lines: [{ qty: request.qty, unitPrice: price.value.unitPrice, taxRate: 1300 }],
});
if (!priced.ok) throw new Error(priced.issues[0].message);
const totals = priced.value;
console.log(
  `invoice: net ${formatMoney(totals.total.net)} + VAT ${formatMoney(totals.total.tax)} = ${formatMoney(totals.total.gross)}`,
);

const journal = [
  postSalesInvoice({
    document: 'INV-1',
    date: request.date,
    customer: 'ACME',
    net: totals.total.net,
    tax: totals.total.tax,
  }),
];
const tb = trialBalance(journal);
console.log(`journal balances: ${tb.debit === tb.credit}`);

const aging = ageReceivables(
  [
    {
      id: 'INV-1',
      party: 'ACME',
      kind: 'invoice',
      date: request.date,
      dueDate: '2026-04-04',
      amount: totals.total.gross,
    },
  ],
  [],
  [],
  { asOf: '2026-05-20', basis: 'due' },
);
console.log(aging.columns.map((c, i) => `${c}: ${formatMoney(aging.total.buckets[i])}`).join(' | '));
