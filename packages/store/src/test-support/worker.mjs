// A separate process working on a book, for crash and concurrency tests. Uses the built store.
// node worker.mjs bulk BOOK         many bulk commands in a row (to be killed part-way)
// node worker.mjs orders BOOK N TAG place and approve N one-box orders, reporting each outcome
// node worker.mjs sell BOOK N TAG   the same, each shipped at once when its box was reserved
import {
  approveSalesOrder,
  Book,
  loadOrder,
  placeSalesOrder,
  postOpeningStock,
  shipSalesOrder,
  upsertProducts,
} from '../../dist/index.js';

const [mode, path, countText, tag] = process.argv.slice(2);
const book = await Book.open(path, { actor: `worker-${tag ?? mode}`, busyTimeoutMs: 10_000 });

if (mode === 'bulk') {
  const products = Array.from({ length: 300 }, (_, i) => ({
    sku: `BULK-${i}`,
    name: `Bulk ${i}`,
    nameEn: null,
    category: 'Bulk',
    uom: 'pcs',
    price: 1000 + i,
    cost: 500 + i,
    taxRate: 1300,
    listed: true,
  }));
  upsertProducts(book, products);
  for (let round = 0; round < 50; round++) {
    postOpeningStock(
      book,
      products.map((p, i) => ({
        sku: p.sku,
        warehouse: 'WH1',
        qty: 1000 + ((i * 7 + round) % 5) * 1000,
        value: 500 + i + round,
        date: '2026-03-01',
      })),
      // Each round adds on purpose: the bulk write to kill is what matters, not opening-stock rules.
      { existing: 'add' },
    );
    process.stdout.write(`round ${round}\n`);
  }
} else if (mode === 'orders' || mode === 'sell') {
  const outcomes = { placed: 0, approved: 0, shipped: 0, refused: 0, busy: 0 };
  for (let i = 0; i < Number(countText); i++) {
    try {
      const { number } = placeSalesOrder(book, {
        customer: 'C001',
        warehouse: 'WH1',
        date: '2026-03-02',
        lines: [{ sku: 'TEA-001', qty: 1000 }],
      });
      outcomes.placed += 1;
      approveSalesOrder(book, number, 'wang');
      outcomes.approved += 1;
      if (mode === 'sell' && loadOrder(book, number).lines[0]?.reserved_qty === 1000) {
        shipSalesOrder(book, number, { date: '2026-03-03' });
        outcomes.shipped += 1;
      }
    } catch (error) {
      if (error.code === 'book.busy') outcomes.busy += 1;
      else if (error.code === 'command.rejected') outcomes.refused += 1;
      else throw error;
    }
  }
  process.stdout.write(`${JSON.stringify(outcomes)}\n`);
}
book.close();
