import { m } from '$lib/paraglide/messages';

/** The label of each report column on the page (files head their columns with the keys). */
export const COLUMN_LABEL: Record<string, () => string> = {
  customer: m.reports_col_customer,
  salesperson: m.reports_col_salesperson,
  supplier: m.reports_col_supplier,
  sku: m.reports_col_sku,
  category: m.reports_col_category,
  warehouse: m.reports_col_warehouse,
  period: m.reports_col_period,
  revenue: m.reports_col_revenue,
  cogs: m.reports_col_cogs,
  gross: m.reports_col_gross,
  expenses: m.reports_col_expenses,
  commission: m.reports_col_commission,
  other_income: m.reports_col_other_income,
  net: m.reports_col_net,
  invoices: m.reports_col_invoices,
  orders: m.reports_col_orders,
  tax: m.reports_col_tax,
  gross_with_tax: m.reports_col_sales_gross,
  qty: m.reports_col_qty,
  share_pct: m.reports_col_share_pct,
  on_hand: m.reports_col_on_hand,
  reserved: m.reports_col_reserved,
  value: m.reports_col_value,
  outstanding: m.reports_col_outstanding,
  advances: m.reports_col_advances,
};

/** An aging bucket's label as the page shows it: `not due`, or days as `1-30`. */
export const bucketLabel = (label: string): string =>
  label === 'not due' ? m.reports_not_due() : m.reports_days({ range: label });

/** The reports the index lists, each with its page. */
export const REPORT_PAGES = [
  { key: 'aging', href: '/reports/aging', label: m.report_aging, about: m.report_aging_about },
  { key: 'profit', href: '/reports/profit', label: m.report_profit, about: m.report_profit_about },
  { key: 'sales', href: '/reports/sales', label: m.report_sales, about: m.report_sales_about },
  { key: 'top', href: '/reports/top', label: m.report_top, about: m.report_top_about },
  { key: 'stock', href: '/reports/stock', label: m.report_stock, about: m.report_stock_about },
] as const;
