// Synthetic catalog for the grid spike: deterministic, so every candidate shows the same rows.
const CATEGORIES = ['Tea/Green', 'Tea/Black', 'Tea/Oolong', 'Cups', 'Kettles', 'Gifts/Boxes', 'Gifts/Cards'];
const WORDS = ['Longjing', 'Pu-erh', 'Tieguanyin', 'Jasmine', 'Dancong', 'Baihao', 'Keemun', 'Lapsang'];
const TAX = ['13%', '9%', '6%', '3%', '0%'];

/** 100,000 product rows as plain objects; prices and costs are decimal text, as the grid shows them. */
export function products(count = 100_000) {
  const rows = new Array(count);
  for (let i = 0; i < count; i++) {
    const price = 500 + ((i * 7919) % 99_500);
    const cost = Math.floor((price * 3) / 5);
    rows[i] = {
      sku: `SKU-${String(i + 1).padStart(6, '0')}`,
      name: `${WORDS[i % WORDS.length]} ${WORDS[(i >> 3) % WORDS.length]} ${i + 1}`,
      category: CATEGORIES[i % CATEGORIES.length],
      price: (price / 100).toFixed(2),
      cost: (cost / 100).toFixed(2),
      tax: TAX[i % TAX.length],
      listed: i % 11 === 0 ? 'no' : 'yes',
    };
  }
  return rows;
}

export const FIELDS = ['sku', 'name', 'category', 'price', 'cost', 'tax', 'listed'];
