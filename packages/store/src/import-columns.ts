import {
  type ColumnSpec,
  commissionPlanColumns,
  contactColumns,
  customerColumns,
  expenseColumns,
  type MoneyOptions,
  openingStockColumns,
  orderLineColumns,
  priceRowColumns,
  productColumns,
  productRuleColumns,
  promotionColumns,
  salesHistoryColumns,
  salespersonColumns,
  supplierColumns,
  targetColumns,
  warehouseColumns,
} from '@tradeloop/core';

type Specs = (money: MoneyOptions) => readonly ColumnSpec<never>[];

/**
 * The columns each `import <kind>` reads, from the same specs the importer uses: what its help
 * lists, the README's table of columns shows and an export of the kind's grid is headed with.
 */
export const IMPORT_COLUMNS: Readonly<Record<string, Specs>> = {
  products: (m) => [...productColumns(m), ...productRuleColumns(m)] as ColumnSpec<never>[],
  customers: (m) => customerColumns(m) as ColumnSpec<never>[],
  contacts: () => contactColumns() as ColumnSpec<never>[],
  targets: (m) => targetColumns(m) as ColumnSpec<never>[],
  suppliers: () => supplierColumns() as ColumnSpec<never>[],
  salespeople: () => salespersonColumns() as ColumnSpec<never>[],
  warehouses: () => warehouseColumns() as ColumnSpec<never>[],
  'opening-stock': (m) => openingStockColumns(m) as ColumnSpec<never>[],
  'price-lists': (m) => priceRowColumns(m) as ColumnSpec<never>[],
  promotions: () => promotionColumns() as ColumnSpec<never>[],
  'commission-plans': (m) => commissionPlanColumns(m) as ColumnSpec<never>[],
  expenses: (m) => expenseColumns(m) as ColumnSpec<never>[],
  orders: (m) => orderLineColumns('sales', m) as ColumnSpec<never>[],
  'purchase-orders': (m) => orderLineColumns('purchase', m) as ColumnSpec<never>[],
  'sales-history': (m) => salesHistoryColumns(m) as ColumnSpec<never>[],
};
