/**
 * @tradeloop/core: the pure domain library of tradeloop. No I/O, no clock, no randomness:
 * everything it needs (today, settings, ids) is a parameter.
 *
 * @example
 * import { parseMoney, formatMoney, parseProductCells } from '@tradeloop/core';
 * const price = parseMoney('1,299.5'); // { ok: true, value: 129950 }
 * if (price.ok) console.log(formatMoney(price.value, { grouping: true })); // '1,299.50'
 */
export { parseBoolean } from './boolean.js';
export {
  type ColumnSpec,
  type HeaderMatch,
  matchHeaders,
  normalizeHeader,
  parseRecord,
  validateRecord,
} from './columns.js';
export { csvSafeCell } from './csv-safe.js';
export { fail, type Issue, ok, type Result, TradeloopError } from './issue.js';
export {
  DEFAULT_CURRENCY_PRECISION,
  type FormatMoneyOptions,
  formatMoney,
  isMinor,
  type Minor,
  type MoneyOptions,
  parseMoney,
} from './money.js';
export {
  categoryPathSchema,
  editProductField,
  matchProductHeaders,
  PRODUCT_COLUMNS,
  type Product,
  type ProductField,
  parseProductCells,
  productColumns,
  productSchema,
  productToCells,
  SKU_PATTERN,
} from './product.js';
export { formatQuantity, type Milli, parseQuantity, QUANTITY_SCALE } from './quantity.js';
export { type BasisPoints, formatPercent, parsePercent } from './rate.js';
export { DEFAULT_ROUNDING, divideRounded, type RoundingMode, roundScaled, unscale } from './rounding.js';
