/** The areas of the app, in the order the navigation shows them. */
export const AREAS = ['inbox', 'sales', 'crm', 'purchasing', 'stock', 'finance', 'reports', 'settings'] as const;
export type Area = (typeof AREAS)[number];

/** The pages the navigation links to, each named by the message that labels it. */
export const PAGES = {
  approvals: '/approvals',
  alerts: '/alerts',
  products: '/grid/products',
  customers: '/grid/customers',
  contacts: '/grid/contacts',
  suppliers: '/grid/suppliers',
  salespeople: '/grid/salespeople',
  warehouses: '/grid/warehouses',
  price_list_items: '/grid/price-list-items',
  promotions: '/grid/promotions',
  commission_plans: '/grid/commission-plans',
  users: '/grid/users',
  settings: '/grid/settings',
  dashboard: '/dashboard',
  reports: '/reports',
  aging: '/reports/aging',
  files: '/files',
  reconcile: '/reconcile',
  board: '/board',
  new_order: '/orders/new',
  on_the_go: '/m',
  vouchers: '/vouchers',
  portal: '/portal',
  orders: '/grid/orders',
  invoices: '/grid/invoices',
  purchase_orders: '/grid/purchase-orders',
  requisitions: '/grid/requisitions',
  purchasing_desk: '/purchasing',
  shipments: '/grid/shipments',
  receipts: '/grid/receipts',
  payments: '/grid/payments',
  stock: '/grid/stock',
  stock_moves: '/grid/stock-moves',
  stock_transfer: '/stock/transfer',
  stock_counts: '/stock/counts',
  stock_expiry: '/stock/expiry',
} as const;
export type Page = keyof typeof PAGES;

export interface NavArea {
  area: Area;
  pages: { page: Page; href: string }[];
}
