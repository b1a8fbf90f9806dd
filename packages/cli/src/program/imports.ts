import { type Command, Option } from 'commander';

/** `tradeloop import …`: records from CSV and XLSX files into the book. */
export function registerImports(program: Command): void {
  const importCmd = program.command('import').description('read records from files into the book');
  const importFlags = (c: Command) =>
    c
      .option('--dry-run', 'show what would change and change nothing')
      .addOption(
        new Option('--on-error <mode>', 'abort: all rows or none; skip: import the good rows')
          .choices(['abort', 'skip'])
          .default('abort'),
      )
      .option('--reject-file <file>', 'write the rejected rows there, with the reasons (CSV)')
      .option('--map <file>', 'JSON mapping of fields to your column names, e.g. { "sku": "物料代码" }')
      .addOption(new Option('-f, --format <format>', 'summary format').choices(['text', 'json']).default('text'));

  importFlags(
    importCmd
      .command('products <file>')
      .description('add or update products from CSV or XLSX (UTF-8 or GBK; English or Chinese headers)'),
  )
    .addHelpText(
      'after',
      `
A file may hold only some columns: products already in the book keep the rest. Product rules
(floor price, reorder point, preferred supplier …) sit beside the catalogue columns; a blank rule
cell keeps what the book has. Any bad row rejects the whole file (exit 3) and names file, row, column, value and rule.

Example:
  $ tradeloop import products fixtures/demo/products.csv --dry-run`,
    )
    .action(async (file: string, options, cmd: Command) =>
      (await import('../commands/import-products.js')).importProducts(file, options, cmd),
    );
  importFlags(
    importCmd
      .command('customers <file>')
      .description('add or update customers (编码, 名称, 等级, 渠道, 业务员, 信用额度, 结算方式, 账期, 税号 …)'),
  )
    .addHelpText(
      'after',
      '\nExample:\n  $ tradeloop import customers 客户.xlsx --on-error skip --reject-file rejects.csv',
    )
    .action(async (file: string, o, cmd: Command) =>
      (await import('../commands/import-entities.js')).importCustomers(file, o, cmd),
    );
  importFlags(
    importCmd
      .command('contacts <file>')
      .description("customers' contact people (客户编码, 联系人, 职务, 电话, 邮箱, 微信); keyed by customer and name"),
  )
    .addHelpText('after', '\nExample:\n  $ tradeloop import contacts 联系人.xlsx --dry-run')
    .action(async (file: string, o, cmd: Command) =>
      (await import('../commands/import-entities.js')).importContacts(file, o, cmd),
    );
  importFlags(
    importCmd
      .command('targets <file>')
      .description("salespeople's monthly net sales targets (业务员, 月份 2026-03, 目标金额)"),
  )
    .addHelpText('after', '\nExample:\n  $ tradeloop import targets 销售目标.csv')
    .action(async (file: string, o, cmd: Command) =>
      (await import('../commands/import-entities.js')).importTargets(file, o, cmd),
    );
  importFlags(
    importCmd.command('suppliers <file>').description('add or update suppliers (编码, 名称, 等级, 账期, 税号)'),
  ).action(async (file: string, o, cmd: Command) =>
    (await import('../commands/import-entities.js')).importSuppliers(file, o, cmd),
  );
  importFlags(
    importCmd
      .command('opening-stock <file>')
      .description('opening stock: sku 编码, warehouse 仓库, qty 数量, unit_cost 单位成本, batch 批次, expiry 有效期')
      .requiredOption('--date <date>', 'the date the stock is counted as of')
      .option(
        '--replace',
        'replace the opening stock of each product and warehouse in the file, if it has not moved since',
      ),
  )
    .addHelpText(
      'after',
      `
Lines the book already holds (same sku, warehouse, batch, expiry, date, quantity and cost) are
unchanged, so importing the same file again changes nothing. Any other line where the product
and warehouse (or that batch) already has opening stock, or has moves before --date, is refused
(exit 3). --replace puts the file's lines in place of the opening stock there, unless stock has
moved since (then post a stock count); the journal is corrected by the difference.

Example:
  $ tradeloop import opening-stock 期初库存.csv --date 2026-01-01 --replace`,
    )
    .action(async (file: string, o, cmd: Command) =>
      (await import('../commands/import-entities.js')).importOpeningStock(file, o, cmd),
    );
  importFlags(
    importCmd
      .command('statement <file>')
      .description(
        'bank statement CSV/XLSX (ICBC, CCB, ABC, BOC, CMB, BOCOM or any with a date and an amount), WeChat Pay bill (微信支付账单) or Alipay bill (支付宝交易明细); every line kept once, money in, out or none',
      )
      .addOption(
        new Option('--source <source>', 'where the file comes from (default: told by its columns)')
          .choices(['auto', 'bank', 'wechat', 'alipay'])
          .default('auto'),
      )
      .option(
        '--account <code>',
        'the account the statement is of: 1002 bank (default for banks), 1012 WeChat Pay / Alipay',
      ),
  )
    .addHelpText(
      'after',
      '\nExample:\n  $ tradeloop import statement 微信支付账单.csv --source wechat && tradeloop match statement',
    )
    .action(async (file: string, o, cmd: Command) =>
      (await import('../commands/import-entities.js')).importStatement(file, o, cmd),
    );

  const entity = (name: string, description: string, action: string) =>
    importFlags(importCmd.command(`${name} <file>`).description(description)).action(
      async (file: string, o, cmd: Command) =>
        (
          (await import('../commands/import-entities.js')) as unknown as Record<
            string,
            (f: string, o: unknown, c: Command) => Promise<void>
          >
        )[action]?.(file, o, cmd),
    );
  entity('salespeople', 'add or update salespeople (编码, 姓名, 级别, 上级, 折扣权限%)', 'importSalespeople');
  entity('warehouses', 'add or update warehouses and their bins (编码, 名称, 类型, 库位)', 'importWarehouses');
  entity(
    'price-lists',
    'price lists, a product and quantity break a row (价格表, 适用范围, 适用对象, 编码, 起订量, 价格, 生效日期, 失效日期, 含税)',
    'importPriceLists',
  );
  entity(
    'promotions',
    'promotions: 折扣 / 特价 / 立减 with dates, products, categories, tiers, channels',
    'importPromotions',
  );
  entity(
    'commission-plans',
    'commission plans by salesperson level, a band a row (级别, 方案, 提成基数, 提成方式, 起点, 提成比例, 管理提成)',
    'importCommissionPlans',
  );
  entity(
    'expenses',
    'expenses paid from bank, cash or WeChat/Alipay (日期, 科目, 金额, 税额, 发票类型, 付款科目, 摘要)',
    'importExpenses',
  );

  for (const [command, kind, description] of [
    [
      'orders <file>',
      'sales',
      'open sales orders, placed through the usual prices, credit checks and approvals (订单号, 日期, 客户, 仓库, 编码, 数量, 单价, 交货日期, 业务员)',
    ],
    [
      'purchase-orders <file>',
      'purchase',
      'open purchase orders (订单号, 日期, 供应商, 仓库, 编码, 数量, 单价, 到货日期)',
    ],
  ] as const) {
    importCmd
      .command(command)
      .description(description)
      .option('--dry-run', 'place them and roll everything back')
      .option('--map <file>', 'JSON mapping of fields to your column names')
      .addOption(new Option('-f, --format <format>', 'summary format').choices(['text', 'json']).default('text'))
      .action(async (file: string, o, cmd: Command) =>
        (await import('../commands/import-orders.js')).importOrders(kind, file, o, cmd),
      );
  }

  importCmd
    .command('sales-history <file>')
    .description(
      'completed orders from before tradeloop (订单号, 日期, 客户, 业务员, 仓库, 编码, 数量, 金额 or 单价, 税额, 税率, 收款日期, 收货地区, 渠道), posted at FIFO cost; streamed',
    )
    .option('--dry-run', 'check and post everything, then roll it back')
    .option('--map <file>', 'JSON mapping of fields to your column names')
    .addOption(new Option('-f, --format <format>', 'summary format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      "\nAn order's lines must be together in the file. Any bad row rejects the whole file. A line's amount (金额, net)\nis kept as the file has it, rounded once to the cent; without one, the net is quantity × unit price.\nRegion, address and channel belong to the order. Orders already in the book as the file has them are\nleft alone, so importing a file again changes nothing.\n\nExample:\n  $ tradeloop import sales-history 历史销售.csv --dry-run",
    )
    .action(async (file: string, o, cmd: Command) =>
      (await import('../commands/import-history.js')).importHistory(file, o, cmd),
    );
}
