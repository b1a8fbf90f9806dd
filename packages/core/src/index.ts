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
export { type Issue, type Result, TradeloopError, fail, ok } from './issue.js';
export {
  DEFAULT_CURRENCY_PRECISION,
  type FormatMoneyOptions,
  type Minor,
  type MoneyOptions,
  formatMoney,
  isMinor,
  parseMoney,
} from './money.js';
export {
  PRODUCT_COLUMNS,
  type Product,
  type ProductField,
  SKU_PATTERN,
  categoryPathSchema,
  editProductField,
  matchProductHeaders,
  parseProductCells,
  productColumns,
  productSchema,
  productToCells,
} from './product.js';
export { QUANTITY_SCALE, type Milli, formatQuantity, parseQuantity } from './quantity.js';
export { type BasisPoints, formatPercent, parsePercent } from './rate.js';
export { DEFAULT_ROUNDING, type RoundingMode, divideRounded, roundScaled, unscale } from './rounding.js';
