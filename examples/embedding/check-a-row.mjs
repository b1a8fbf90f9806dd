// Embed the pure core: check rows of a price sheet without any database.
// Run: node examples/embedding/check-a-row.mjs
import { formatMoney, parseProductCells } from '@tradeloop/core';

const rows = [
  { sku: 'TEA-001', name: '西湖龙井 250g', category: '饮料/茶叶', price: '188', taxRate: '13%' },
  { sku: 'TEA-002', name: '铁观音', category: '饮料/茶叶', price: '12,5' },
];

for (const cells of rows) {
  const result = parseProductCells(cells);
  if (result.ok) {
    const p = result.value;
    console.log(`${p.sku} ok: ${p.name} at ${formatMoney(p.price)} (tax ${p.taxRate / 100}%)`);
  } else {
    for (const issue of result.issues) {
      console.log(
        `${cells.sku} ${issue.path.join('.')}: ${JSON.stringify(issue.value)} ${issue.message} [${issue.code}]`,
      );
    }
  }
}
