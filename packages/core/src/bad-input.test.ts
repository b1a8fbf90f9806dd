import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as core from './index.js';
import {
  type AgingDocument,
  ageBalances,
  ageReceivables,
  allocate,
  attempt,
  detectStatementLayout,
  EMPTY_FIFO,
  fifoIssue,
  fifoReceive,
  historyLineAmounts,
  type Issue,
  matchStatement,
  PRODUCT_COLUMNS,
  parseRecord,
  pickList,
  postSalesInvoice,
  productSchema,
  type Result,
  readStatementRow,
  repostColumns,
  reserve,
  TradeloopError,
  toBaseQty,
} from './index.js';

/**
 * Garbage in: every core function a developer calls checks what it is given at its entry. A
 * function that answers with a `Result` answers bad input with `input.invalid` issues and never
 * throws; one that answers with a plain value throws a `TradeloopError` with code `input.invalid`
 * carrying the issues. Nothing throws a TypeError from inside a library.
 */

const isInputInvalid = (e: unknown): e is TradeloopError =>
  e instanceof TradeloopError &&
  e.code === 'input.invalid' &&
  e.issues.length > 0 &&
  e.issues.every((i) => i.code === 'input.invalid' && Array.isArray(i.path) && i.message.length > 0);

/** Call `f`: it returns, or throws `input.invalid` with issues; anything else fails the test. */
function plain(f: () => unknown): 'ok' | 'invalid' {
  try {
    f();
    return 'ok';
  } catch (error) {
    if (isInputInvalid(error)) return 'invalid';
    throw error;
  }
}

/** Call `f`: it never throws, and a failed result carries issues with a code, path and message. */
function result(f: () => Result<unknown>): void {
  const r = f();
  expect(typeof r.ok).toBe('boolean');
  if (!r.ok) {
    expect(r.issues.length).toBeGreaterThan(0);
    for (const i of r.issues) {
      expect(typeof i.code).toBe('string');
      expect(Array.isArray(i.path)).toBe(true);
      expect(i.message.length).toBeGreaterThan(0);
    }
  }
}

type Call = (...args: unknown[]) => unknown;
// biome-ignore lint/performance/noDynamicNamespaceImportAccess: the test walks the barrel's functions by name.
const fn = (name: keyof typeof core) => core[name] as unknown as Call;

/** Functions that answer with a plain value, and how many arguments they take. */
const PLAIN: [keyof typeof core, number][] = [
  ['ageBalances', 4],
  ['ageReceivables', 4],
  ['agePayables', 4],
  ['agingColumns', 2],
  ['checkCredit', 1],
  ['allocate', 2],
  ['available', 1],
  ['availableToPromise', 2],
  ['projected', 1],
  ['planReservations', 2],
  ['allocateReceipt', 2],
  ['addDays', 2],
  ['daysBetween', 2],
  ['splitPeriod', 2],
  ['inPeriod', 2],
  ['todayIn', 2],
  ['isTimeZone', 1],
  ['normalizeHeader', 1],
  ['unmatchedHeaders', 2],
  ['csvSafeCell', 1],
  ['fifoBalance', 1],
  ['fifoReceive', 3],
  ['returnCost', 3],
  ['normalizeName', 1],
  ['matchStatement', 4],
  ['entry', 4],
  ['assertBalanced', 1],
  ['postSalesInvoice', 1],
  ['postShipmentCost', 1],
  ['postPurchaseReceipt', 1],
  ['postSupplierInvoice', 1],
  ['postCustomerPayment', 1],
  ['postAdvanceApplied', 1],
  ['postSupplierPayment', 1],
  ['postBankCharge', 1],
  ['postStockAdjustment', 1],
  ['postCommissionRun', 1],
  ['postExpense', 1],
  ['trialBalance', 3],
  ['profit', 3],
  ['productColumns', 1],
  ['productToCells', 2],
  ['formatQuantity', 1],
  ['formatPercent', 1],
  ['demandStats', 1],
  ['safetyStock', 3],
  ['reorderPoint', 3],
  ['suggestReorder', 1],
  ['groupRequisitions', 2],
  ['repostColumns', 2],
  ['repostMoves', 2],
  ['statementCell', 1],
  ['pairFullRefunds', 1],
  ['statementClass', 1],
  ['detectStatementLayout', 2],
  ['layoutsFor', 1],
  ['nearExpiry', 3],
  ['countDifferences', 3],
  ['stockAge', 3],
  ['slowMovers', 3],
  ['customerColumns', 1],
  ['targetColumns', 1],
  ['openingStockColumns', 1],
  ['priceRowColumns', 1],
  ['expenseColumns', 1],
  ['salesHistoryColumns', 1],
  ['orderLineColumns', 2],
  ['commissionPlanColumns', 1],
];

/** Functions that answer with a `Result`, and how many arguments they take. */
const RESULT: [keyof typeof core, number][] = [
  ['parseDate', 1],
  ['parsePeriod', 2],
  ['matchHeaders', 2],
  ['matchUpdateHeaders', 3],
  ['parseRecord', 4],
  ['validateRecord', 4],
  ['fifoIssue', 3],
  ['fifoTransfer', 4],
  ['historyLineAmounts', 2],
  ['editProductField', 4],
  ['parseProductCells', 2],
  ['matchProductHeaders', 2],
  ['parseQuantity', 2],
  ['parsePercent', 2],
  ['parseBoolean', 1],
  ['readStatementRow', 3],
  ['toBaseQty', 5],
  ['fromBaseQty', 5],
  ['pickList', 3],
  ['reserve', 2],
  ['release', 2],
  ['shipReserved', 2],
  ['promotionFromRow', 2],
];

describe('any value at all', () => {
  it.each(PLAIN)('%s returns or throws input.invalid, never a TypeError', (name, arity) => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: arity }), (args) => {
        plain(() => fn(name)(...args));
      }),
      { numRuns: 200 },
    );
  });

  it.each(RESULT)('%s answers with a Result and never throws', (name, arity) => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: arity }), (args) => {
        result(() => fn(name)(...args) as Result<unknown>);
      }),
      { numRuns: 200 },
    );
  });
});

describe('column specs', () => {
  const specs = [
    core.productColumns(),
    core.customerColumns(),
    core.contactColumns(),
    core.targetColumns(),
    core.supplierColumns(),
    core.openingStockColumns(),
    core.salespersonColumns(),
    core.warehouseColumns(),
    core.priceRowColumns(),
    core.promotionColumns(),
    core.expenseColumns(),
    core.salesHistoryColumns(),
    core.orderLineColumns('sales'),
    core.commissionPlanColumns(),
  ].flat() as { header: string; parse: (text: unknown) => Result<unknown> }[];

  it('parse any cell value into a Result: text is read, anything else is an input issue', () => {
    fc.assert(
      fc.property(fc.constantFrom(...specs), fc.anything(), (spec, value) => {
        result(() => spec.parse(value));
        if (typeof value !== 'string')
          expect(spec.parse(value)).toMatchObject({ ok: false, issues: [{ code: 'input.invalid' }] });
      }),
    );
  });
});

/** A value that is usually right and sometimes anything at all; the key sometimes left out. */
const maybe = <T>(right: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: right as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: fc.anything() });
const date = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const nearly = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) =>
  fc.record(Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, maybe(a)])), {
    requiredKeys: Object.keys(fields).filter((_, i) => i % 3 !== 2),
  });

const issuesOf = (f: () => unknown): Issue[] => {
  const r = attempt(f);
  if (r.ok) throw new Error('expected input.invalid');
  return r.issues;
};

describe('aging', () => {
  const doc: AgingDocument = {
    id: 'INV-1',
    party: 'ACME',
    kind: 'invoice',
    date: '2026-01-05',
    dueDate: '2026-02-04',
    amount: 100_000,
  };
  const options = { asOf: '2026-03-20', basis: 'due' } as const;

  it('names a document without a due date instead of failing inside the date library', () => {
    const { dueDate: _, ...noDue } = doc;
    expect(() => ageReceivables([noDue as AgingDocument], [], [], options)).toThrow(TradeloopError);
    expect(issuesOf(() => ageReceivables([noDue as AgingDocument], [], [], options))).toEqual([
      { code: 'input.invalid', path: ['documents', 0, 'dueDate'], message: 'is required' },
    ]);
    expect(() => ageReceivables([noDue as AgingDocument], [], [], options)).toThrow(
      'ageBalances: documents[0].dueDate is required',
    );
  });

  it('names wrong types, NaN, negative amounts and dates that do not exist, all at once', () => {
    const bad = [
      { ...doc, amount: Number.NaN },
      { ...doc, id: 'INV-2', amount: -5 },
      { ...doc, id: 'INV-3', date: '2026-02-30' },
      { ...doc, id: 4 },
    ] as unknown as AgingDocument[];
    expect(issuesOf(() => ageBalances(bad, [], [], { ...options, buckets: [30, 1.5] }))).toEqual([
      {
        code: 'input.invalid',
        path: ['documents', 0, 'amount'],
        message: 'must be a whole number, not NaN',
        value: Number.NaN,
      },
      { code: 'input.invalid', path: ['documents', 1, 'amount'], message: 'must not be negative', value: -5 },
      {
        code: 'input.invalid',
        path: ['documents', 2, 'date'],
        message: 'must be a date like 2026-03-05',
        value: '2026-02-30',
      },
      { code: 'input.invalid', path: ['documents', 3, 'id'], message: 'must be text, not 4', value: 4 },
      {
        code: 'input.invalid',
        path: ['options', 'buckets', 1],
        message: 'must be a whole number, not 1.5',
        value: 1.5,
      },
    ]);
  });

  it('ages nearly-right input or refuses it with input.invalid, whatever is wrong', () => {
    const document = nearly({
      id: fc.string(),
      party: fc.constantFrom('A', 'B'),
      kind: fc.constantFrom('invoice', 'credit_note'),
      date,
      dueDate: date,
      amount: fc.integer({ min: 0, max: 1e9 }),
    });
    const payment = nearly({
      id: fc.string(),
      party: fc.constantFrom('A', 'B'),
      date,
      amount: fc.integer({ min: 0, max: 1e9 }),
      allocations: fc.array(nearly({ document: fc.string(), amount: fc.nat() })),
    });
    fc.assert(
      fc.property(fc.array(document), fc.array(payment), maybe(date), (documents, payments, asOf) => {
        plain(() => ageBalances(documents as never, payments as never, [], { asOf, basis: 'due' } as never));
      }),
    );
  });

  it('checks and ages 30,000 documents in a moment: one check at the entry, no per-call date parsing', () => {
    const documents = Array.from({ length: 30_000 }, (_, i) => ({ ...doc, id: `INV-${i}`, party: `C${i % 500}` }));
    const started = performance.now();
    ageBalances(documents, [], [], options);
    // The check is zod over every document once; the aging itself sorts and sums them.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('allocation and availability', () => {
  it('refuses a fractional amount, a NaN weight and a negative quantity with their paths', () => {
    expect(issuesOf(() => allocate(1.5, [1, Number.NaN]))).toMatchObject([
      { path: ['amount'], message: 'must be a whole number, not 1.5' },
      { path: ['weights', 1], message: 'must be a number, not NaN' },
    ]);
    expect(reserve({ onHand: 10_000, reserved: 0, incoming: [] }, -1)).toMatchObject({
      ok: false,
      issues: [{ code: 'input.invalid', path: ['qty'], message: 'must be more than 0' }],
    });
    expect(reserve({ onHand: '10' as never, reserved: 0, incoming: [{ date: 'soon', qty: 1 }] }, 1)).toMatchObject({
      ok: false,
      issues: [
        { path: ['position', 'onHand'], message: 'must be a whole number, not text' },
        { path: ['position', 'incoming', 0, 'date'], message: 'must be a date like 2026-03-05' },
      ],
    });
  });
});

describe('stock and FIFO', () => {
  it('answers garbage in a Result with issues, and throws input.invalid where the answer is a plain value', () => {
    expect(fifoIssue(EMPTY_FIFO, { qty: 0 })).toMatchObject({
      ok: false,
      issues: [{ code: 'input.invalid', path: ['request', 'qty'], message: 'must be more than 0' }],
    });
    expect(fifoIssue({ layers: [{ qty: 1_000 }] } as never, { qty: 1 })).toMatchObject({
      ok: false,
      issues: [
        { path: ['state', 'layers', 0, 'value'], message: 'is required' },
        { path: ['state', 'layers', 0, 'date'], message: 'is required' },
        { path: ['state', 'layers', 0, 'source'], message: 'is required' },
        { path: ['state', 'deficit'], message: 'is required' },
        { path: ['state', 'lastRate'], message: 'is required' },
      ],
    });
    expect(issuesOf(() => fifoReceive(EMPTY_FIFO, { qty: 1_000, value: -1, date: '2026-03-01', source: 'R' }))).toEqual(
      [{ code: 'input.invalid', path: ['receipt', 'value'], message: 'must not be negative', value: -1 }],
    );
    expect(toBaseQty(1_000, 'box', 'pcs', [{ uom: 'box', factor: 0 }])).toMatchObject({
      ok: false,
      issues: [{ path: ['conversions', 0, 'factor'], message: 'must be more than 0' }],
    });
    expect(pickList([], 1_000, { strategy: 'fefo', today: '2026-13-01' })).toMatchObject({
      ok: false,
      issues: [{ path: ['options', 'today'], message: 'must be a date like 2026-03-05' }],
    });
  });

  it('issues from nearly-right FIFO state or refuses it, never throwing', () => {
    const layer = nearly({
      qty: fc.integer({ min: 1, max: 1e6 }),
      value: fc.integer({ min: 0, max: 1e9 }),
      date,
      source: fc.string(),
    });
    const state = fc.record({
      layers: fc.array(layer),
      deficit: maybe(fc.constant(null)),
      lastRate: maybe(fc.constant(null)),
    });
    fc.assert(
      fc.property(state, maybe(fc.integer({ min: 1, max: 1e6 })), (s, qty) => {
        result(() => fifoIssue(s as never, { qty } as never));
      }),
    );
  });

  it('names the first move that is no whole quantity in a column of a million', () => {
    const n = 1_000_000;
    const cols = {
      kind: new Uint8Array(n),
      qty: new Float64Array(n).fill(1_000),
      value: new Float64Array(n).fill(500),
    };
    cols.qty[777_777] = Number.NaN;
    expect(issuesOf(() => repostColumns(cols))).toEqual([
      {
        code: 'input.invalid',
        path: ['cols', 'qty', 777_777],
        message: 'must be a whole number of 0 or more, not NaN',
        value: Number.NaN,
      },
    ]);
  });
});

describe('matching and statements', () => {
  it('refuses a statement line without a date and an invoice with a bad amount', () => {
    expect(
      issuesOf(() =>
        matchStatement(
          [{ id: 'L1', amount: 100, payer: 'x', memo: '' } as never],
          [{ id: 'I1', party: 'C', partyName: 'C', date: '2026-03-01', dueDate: '2026-03-31', outstanding: 1.5 }],
        ),
      ),
    ).toMatchObject([
      { path: ['lines', 0, 'date'], message: 'is required' },
      { path: ['invoices', 0, 'outstanding'], message: 'must be a whole number, not 1.5' },
    ]);
  });

  it('reads a statement row only with a layout, text cells and options of the right shape', () => {
    const match = detectStatementLayout(['交易日期', '金额', '摘要', '对方户名']);
    if (!match) throw new Error('layout expected');
    expect(readStatementRow(match, ['2026-11-18', 12 as never, '', ''])).toMatchObject({
      ok: false,
      issues: [{ code: 'input.invalid', path: ['cells', 1], message: 'must be text, not 12' }],
    });
    expect(readStatementRow({ ...match, columns: { date: [-1] } }, [])).toMatchObject({
      ok: false,
      issues: [{ path: ['match', 'columns', 'date', 0], message: 'must not be negative' }],
    });
    expect(readStatementRow(match, ['2026-11-18', '1.00', '', ''], { precision: -2 })).toMatchObject({
      ok: false,
      issues: [{ path: ['options', 'precision'], message: 'must not be negative' }],
    });
  });
});

describe('posting', () => {
  it('refuses an invoice with a fractional amount or an unknown posting account before building an entry', () => {
    expect(
      issuesOf(() =>
        postSalesInvoice({
          document: 'INV-1',
          date: '2026-03-01',
          customer: 'C1',
          net: 100.5,
          tax: 13,
          accounts: { bank: '1002', bnak: '1001' } as never,
        }),
      ),
    ).toMatchObject([
      { path: ['accounts'], message: 'has no field "bnak"' },
      { path: ['net'], message: 'must be a whole number, not 100.5' },
    ]);
  });
});

describe('imports and sales history', () => {
  it('takes a cell that is not text as an input issue at its field, beside the other rows’ rules', () => {
    const r = parseRecord(PRODUCT_COLUMNS, productSchema, 'product', {
      sku: 'A-1',
      name: 'Pen',
      category: 'Office',
      price: 150 as never,
    });
    expect(r).toMatchObject({
      ok: false,
      issues: [{ code: 'input.invalid', path: ['price'], message: 'must be text, not 150', value: 150 }],
    });
  });

  it('refuses a line without quantity when its unit price has to come from its amount', () => {
    expect(
      historyLineAmounts({ qty: 0, amount: 1_235, unitPrice: null, tax: null, discount: null, taxRate: 1_300 }),
    ).toMatchObject({
      ok: false,
      issues: [{ code: 'input.invalid', path: ['line', 'qty'] }],
    });
  });
});

describe('attempt', () => {
  it('turns input.invalid into a failed Result and lets other errors through', () => {
    expect(attempt(() => allocate(10, [1, 1]))).toEqual({ ok: true, value: [5, 5] });
    expect(attempt(() => allocate(10, []))).toMatchObject({ ok: false, issues: [{ path: ['weights'] }] });
    expect(() =>
      attempt(() => {
        throw new TradeloopError('journal.unbalanced', 'x');
      }),
    ).toThrow('x');
  });
});
