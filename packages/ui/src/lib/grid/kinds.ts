import type { GridKind } from '@tradeloop/core';

/** What each grid is called, in both languages the app speaks. */
export const KIND_TITLES: Readonly<Record<GridKind, { en: string; zh: string }>> = {
  products: { en: 'Products', zh: '商品' },
  customers: { en: 'Customers', zh: '客户' },
  contacts: { en: 'Contacts', zh: '联系人' },
  suppliers: { en: 'Suppliers', zh: '供应商' },
  salespeople: { en: 'Salespeople', zh: '业务员' },
  warehouses: { en: 'Warehouses and bins', zh: '仓库与库位' },
  'price-list-items': { en: 'Price lists', zh: '价目表' },
  promotions: { en: 'Promotions', zh: '促销' },
  'commission-plans': { en: 'Commission plans', zh: '提成方案' },
  users: { en: 'Users and roles', zh: '用户与角色' },
  settings: { en: 'Book settings', zh: '账套设置' },
};
