/** What an account does in the profit statement; balance-sheet accounts have none. */
export type ProfitRole = 'revenue' | 'cogs' | 'expense' | 'commission' | 'other_income';

export interface Account {
  code: string;
  name: string;
  nameZh: string;
  type: 'asset' | 'liability' | 'equity' | 'income' | 'expense';
  role?: ProfitRole;
}

/**
 * The default chart of accounts. Codes follow China's Accounting Standards for Enterprises
 * (企业会计准则) numbering, which Kingdee and Yonyou use, so journals export without remapping;
 * sub-accounts use a dotted suffix.
 */
export const DEFAULT_ACCOUNTS: readonly Account[] = [
  { code: '1001', name: 'Cash on hand', nameZh: '库存现金', type: 'asset' },
  { code: '1002', name: 'Bank', nameZh: '银行存款', type: 'asset' },
  { code: '1012', name: 'WeChat Pay / Alipay balances', nameZh: '其他货币资金', type: 'asset' },
  { code: '1122', name: 'Accounts receivable', nameZh: '应收账款', type: 'asset' },
  { code: '1123', name: 'Prepayments to suppliers', nameZh: '预付账款', type: 'asset' },
  { code: '1405', name: 'Inventory', nameZh: '库存商品', type: 'asset' },
  { code: '2202', name: 'Accounts payable', nameZh: '应付账款', type: 'liability' },
  { code: '2202.02', name: 'Goods received not invoiced', nameZh: '应付账款-暂估应付款', type: 'liability' },
  { code: '2203', name: 'Customer advances', nameZh: '预收账款', type: 'liability' },
  { code: '2211', name: 'Commission payable', nameZh: '应付职工薪酬-提成', type: 'liability' },
  { code: '2221.01', name: 'VAT input', nameZh: '应交税费-应交增值税(进项税额)', type: 'liability' },
  { code: '2221.02', name: 'VAT output', nameZh: '应交税费-应交增值税(销项税额)', type: 'liability' },
  { code: '4001', name: 'Paid-in capital', nameZh: '实收资本', type: 'equity' },
  { code: '4104', name: 'Retained earnings', nameZh: '利润分配-未分配利润', type: 'equity' },
  { code: '6001', name: 'Sales revenue', nameZh: '主营业务收入', type: 'income', role: 'revenue' },
  { code: '6301', name: 'Other income', nameZh: '营业外收入', type: 'income', role: 'other_income' },
  { code: '6401', name: 'Cost of goods sold', nameZh: '主营业务成本', type: 'expense', role: 'cogs' },
  { code: '6401.09', name: 'Purchase price variance', nameZh: '主营业务成本-采购价差', type: 'expense', role: 'cogs' },
  { code: '6601', name: 'Selling expenses', nameZh: '销售费用', type: 'expense', role: 'expense' },
  { code: '6601.01', name: 'Sales commission', nameZh: '销售费用-提成', type: 'expense', role: 'commission' },
  { code: '6602', name: 'Administrative expenses', nameZh: '管理费用', type: 'expense', role: 'expense' },
  {
    code: '6602.09',
    name: 'Inventory gains and losses',
    nameZh: '管理费用-存货盘盈盘亏',
    type: 'expense',
    role: 'expense',
  },
  { code: '6603', name: 'Financial expenses and write-offs', nameZh: '财务费用', type: 'expense', role: 'expense' },
  { code: '6603.01', name: 'Bank and wallet charges', nameZh: '财务费用-手续费', type: 'expense', role: 'expense' },
];

/** Accounts the posting rules use, by purpose. A company may point them elsewhere. */
export interface PostingAccounts {
  bank: string;
  receivable: string;
  inventory: string;
  payable: string;
  grni: string;
  advances: string;
  commissionPayable: string;
  vatInput: string;
  vatOutput: string;
  revenue: string;
  cogs: string;
  priceVariance: string;
  commission: string;
  expense: string;
  writeOff: string;
  inventoryGainLoss: string;
  /** Fees a bank or wallet keeps from a payment (财务费用-手续费). */
  bankCharges: string;
  /** WeChat Pay and Alipay balances (其他货币资金). */
  wallet: string;
}

export const DEFAULT_POSTING_ACCOUNTS: PostingAccounts = {
  bank: '1002',
  receivable: '1122',
  inventory: '1405',
  payable: '2202',
  grni: '2202.02',
  advances: '2203',
  commissionPayable: '2211',
  vatInput: '2221.01',
  vatOutput: '2221.02',
  revenue: '6001',
  cogs: '6401',
  priceVariance: '6401.09',
  commission: '6601.01',
  expense: '6602',
  writeOff: '6603',
  inventoryGainLoss: '6602.09',
  bankCharges: '6603.01',
  wallet: '1012',
};
