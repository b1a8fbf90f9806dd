import type { Role } from '@tradeloop/core';
import type { Area, Page } from '$lib/nav';
import { m } from '$lib/paraglide/messages';

/** The message naming each area, page and role, in the page's language. */
export const areaLabel: Record<Area, () => string> = {
  inbox: m.area_inbox,
  sales: m.area_sales,
  crm: m.area_crm,
  purchasing: m.area_purchasing,
  stock: m.area_stock,
  finance: m.area_finance,
  reports: m.area_reports,
  settings: m.area_settings,
};

export const pageLabel: Record<Page, () => string> = {
  approvals: m.page_approvals,
  alerts: m.page_alerts,
  products: m.page_products,
  customers: m.page_customers,
  contacts: m.page_contacts,
  suppliers: m.page_suppliers,
  salespeople: m.page_salespeople,
  warehouses: m.page_warehouses,
  price_list_items: m.page_price_list_items,
  promotions: m.page_promotions,
  commission_plans: m.page_commission_plans,
  users: m.page_users,
  settings: m.page_settings,
  dashboard: m.page_dashboard,
  reports: m.page_reports,
  aging: m.report_aging,
  files: m.page_files,
  reconcile: m.page_reconcile,
  board: m.page_board,
  new_order: m.page_new_order,
  on_the_go: m.page_on_the_go,
  vouchers: m.page_vouchers,
  portal: m.page_portal,
  orders: m.page_orders,
  invoices: m.page_invoices,
  purchase_orders: m.page_purchase_orders,
  requisitions: m.page_requisitions,
  purchasing_desk: m.page_purchasing_desk,
  shipments: m.page_shipments,
  receipts: m.page_receipts,
  payments: m.page_payments,
  stock: m.page_stock,
  stock_moves: m.page_stock_moves,
  stock_transfer: m.page_stock_transfer,
  stock_counts: m.page_stock_counts,
  stock_expiry: m.page_stock_expiry,
};

export const roleLabel: Record<Role, () => string> = {
  owner: m.role_owner,
  sales_manager: m.role_sales_manager,
  salesperson: m.role_salesperson,
  purchasing: m.role_purchasing,
  warehouse: m.role_warehouse,
  accountant: m.role_accountant,
  auditor: m.role_auditor,
  customer: m.role_customer,
};

/** The name of each language in itself, as a switcher offers them. */
export const LANGUAGE_NAMES: Record<string, string> = { en: 'English', 'zh-CN': '中文' };

/** The message naming each state of a sales order. */
export const orderStatusLabel: Record<string, () => string> = {
  pending_review: m.order_status_pending_review,
  awaiting_payment: m.order_status_awaiting_payment,
  awaiting_shipment: m.order_status_awaiting_shipment,
  partially_shipped: m.order_status_partially_shipped,
  shipped: m.order_status_shipped,
  completed: m.order_status_completed,
  cancelled: m.order_status_cancelled,
};

/** How a payment was made, as a voucher says it. */
export const paymentMethodLabel: Record<string, () => string> = {
  bank: m.m_method_bank,
  wechat: m.m_method_wechat,
  alipay: m.m_method_alipay,
  cash: m.m_method_cash,
};

/** Where a payment voucher stands with finance. */
export const voucherStatusLabel: Record<string, () => string> = {
  submitted: m.voucher_status_submitted,
  booked: m.voucher_status_booked,
  rejected: m.voucher_status_rejected,
};
