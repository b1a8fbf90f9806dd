import { z } from 'zod';
import type { IsoDate } from './calendar.js';
import { assertInput, dateInput, inputIssues, minorInput, nonNegativeMinorInput, roundingInput } from './input.js';
import { fail, ok, type Result } from './issue.js';
import type { Minor } from './money.js';
import { formatQuantity, type Milli } from './quantity.js';
import { DEFAULT_ROUNDING, mulDiv, type RoundingMode } from './rounding.js';

/**
 * One FIFO cost layer of a product in a warehouse: what is left of one receipt. It keeps its
 * remaining quantity and remaining value, never a rounded unit rate, so the issue that empties it
 * takes exactly what is left and no value ever sits on zero quantity.
 */
export interface Layer {
  qty: Milli;
  value: Minor;
  date: IsoDate;
  source: string;
  batch?: string;
  expiry?: IsoDate;
}

export interface FifoState {
  layers: readonly Layer[];
  /** Stock issued beyond what was there (only where negative stock is allowed), at the last rate. */
  deficit: { qty: Milli; value: Minor } | null;
  /** The last known rate, as a value over a quantity, for costing a deficit. */
  lastRate: { value: Minor; qty: Milli } | null;
}

export const EMPTY_FIFO: FifoState = { layers: [], deficit: null, lastRate: null };

export interface Consumed {
  source: string;
  date: IsoDate;
  batch?: string;
  qty: Milli;
  value: Minor;
}

export interface FifoOptions {
  rounding?: RoundingMode;
  /** Let stock go below zero, costed at the last rate; refused by default. */
  allowNegative?: boolean;
  /** Merge a receipt into the newest layer when rate, date, batch and expiry are the same. */
  mergeSameRate?: boolean;
  /** Named in errors: which product and warehouse. */
  context?: { product: string; warehouse: string };
}

const positiveQty = z.int().positive();
const layerInput = z.object({
  qty: positiveQty,
  value: nonNegativeMinorInput,
  date: dateInput,
  source: z.string(),
  batch: z.string().optional(),
  expiry: dateInput.optional(),
}) satisfies z.ZodType<Layer>;
const stateInput = z.object({
  layers: z.array(layerInput),
  deficit: z.object({ qty: positiveQty, value: minorInput }).nullable(),
  lastRate: z.object({ value: minorInput, qty: positiveQty }).nullable(),
}) satisfies z.ZodType<FifoState>;
const optionsInput = z
  .object({
    rounding: roundingInput.optional(),
    allowNegative: z.boolean().optional(),
    mergeSameRate: z.boolean().optional(),
    context: z.object({ product: z.string(), warehouse: z.string() }).optional(),
  })
  .optional();
const requestInput = z.object({
  qty: positiveQty,
  batch: z.string().optional(),
  source: z.string().optional(),
}) satisfies z.ZodType<IssueRequest>;
const balanceArgs = z.object({ state: stateInput });
const receiveArgs = z.object({ state: stateInput, receipt: layerInput, options: optionsInput });
const issueArgs = z.object({ state: stateInput, request: requestInput, options: optionsInput });
const transferArgs = z.object({ from: stateInput, to: stateInput, request: requestInput, options: optionsInput });
const returnArgs = z
  .object({
    original: z.object({ qty: z.int().min(0), cost: minorInput }),
    returnQty: z.int().min(0),
    rounding: roundingInput.optional(),
  })
  .refine((a) => a.returnQty <= a.original.qty, { error: 'cannot be more than was issued', path: ['returnQty'] });

/** Quantity and value on hand, the deficit counted negative. */
export function fifoBalance(state: FifoState): { qty: Milli; value: Minor } {
  assertInput(balanceArgs, { state }, 'fifoBalance');
  let qty = 0 - (state.deficit?.qty ?? 0);
  let value = 0 - (state.deficit?.value ?? 0);
  for (const l of state.layers) {
    qty += l.qty;
    value += l.value;
  }
  return { qty, value };
}

/** Part of a layer's value for part of its quantity: in proportion, rounded once; all of it when all is taken. */
const share = (value: Minor, qty: Milli, part: Milli, rounding: RoundingMode) =>
  part === qty ? value : mulDiv(value, part, qty, rounding);

const sameRate = (a: Layer, b: Layer) =>
  a.value * b.qty === b.value * a.qty && a.date === b.date && a.batch === b.batch && a.expiry === b.expiry;

/**
 * Receive goods: a new layer at the receipt's value. Where stock had gone negative, the receipt
 * first settles the deficit: the difference between what the receipt says those goods cost and
 * what the deficit booked is returned as `adjustment` (positive: cost more), never lost.
 *
 * @example
 * const { state } = fifoReceive(EMPTY_FIFO, { qty: 10000, value: 60000, date: '2026-03-01', source: 'GRN-1' });
 * fifoBalance(state) // { qty: 10000, value: 60000 }
 */
export function fifoReceive(
  state: FifoState,
  receipt: Layer,
  options: FifoOptions = {},
): { state: FifoState; adjustment: Minor } {
  assertInput(receiveArgs, { state, receipt, options }, 'fifoReceive');
  return receive(state, receipt, options);
}

function receive(state: FifoState, receipt: Layer, options: FifoOptions): { state: FifoState; adjustment: Minor } {
  const rounding = options.rounding ?? DEFAULT_ROUNDING;
  let layer = receipt;
  let deficit = state.deficit;
  let adjustment = 0;
  if (deficit) {
    const settled = Math.min(deficit.qty, receipt.qty);
    const cost = share(receipt.value, receipt.qty, settled, rounding);
    const booked = share(deficit.value, deficit.qty, settled, rounding);
    adjustment = cost - booked;
    deficit = settled === deficit.qty ? null : { qty: deficit.qty - settled, value: deficit.value - booked };
    layer = { ...receipt, qty: receipt.qty - settled, value: receipt.value - cost };
  }
  const lastRate = { value: receipt.value, qty: receipt.qty };
  if (layer.qty === 0) return { state: { layers: state.layers, deficit, lastRate }, adjustment };
  const last = state.layers.at(-1);
  if (options.mergeSameRate && last && sameRate(last, layer)) {
    const merged = { ...last, qty: last.qty + layer.qty, value: last.value + layer.value };
    return { state: { layers: [...state.layers.slice(0, -1), merged], deficit, lastRate }, adjustment };
  }
  // Layers stay in date order, so goods transferred in at an older date are issued first.
  const layers = [...state.layers];
  let at = layers.length;
  while (at > 0 && (layers[at - 1]?.date ?? '') > layer.date) at -= 1;
  layers.splice(at, 0, layer);
  return { state: { layers, deficit, lastRate }, adjustment };
}

export interface IssueRequest {
  qty: Milli;
  /** Take only this batch's layers. */
  batch?: string;
  /** Take this receipt's layers first (a purchase return leaves at the original receipt rate). */
  source?: string;
}

/**
 * Issue goods oldest layer first and return their cost with the layers consumed. A partial layer
 * gives value in proportion, rounded once; the issue that empties a layer takes all that is left.
 * Beyond the stock on hand the issue is refused (`stock.negative`, naming product, warehouse,
 * available and requested) unless negative stock is allowed, when the shortfall is costed at the
 * last rate and kept as a deficit for the next receipt to settle.
 *
 * @example
 * fifoIssue(state, { qty: 4000 }) // { ok: true, value: { cost: 24000, consumed: [{ source: 'GRN-1', qty: 4000, value: 24000 }], … } }
 */
export function fifoIssue(
  state: FifoState,
  request: IssueRequest,
  options: FifoOptions = {},
): Result<{ state: FifoState; cost: Minor; consumed: Consumed[] }> {
  const bad = inputIssues(issueArgs, { state, request, options });
  if (bad) return fail(...bad);
  return issue(state, request, options);
}

/** Issues one after another from one queue: see `fifoIssuer`. */
export interface FifoIssuer {
  /** The queue as the issues so far left it. */
  readonly state: FifoState;
  /** Issue as `fifoIssue` does, from the queue as it stands; a refused issue leaves it as it was. */
  issue(request: IssueRequest): Result<{ cost: Minor; consumed: Consumed[] }>;
}

const issuerArgs = z.object({ state: stateInput, options: optionsInput });
const issuerRequest = z.object({ request: requestInput });

/**
 * A FIFO queue to issue from many times in a row (a bulk import's lines): the queue and the
 * options are checked once, here, and each request as it comes; what each issue leaves is this
 * module's own making, so it is not checked again. (`fifoIssue` checks the whole queue on every
 * call: a long queue issued from line by line would pay its length each time.)
 *
 * @example
 * const q = fifoIssuer(state, { rounding: 'half_even' });
 * q.issue({ qty: 4000 }) // { ok: true, value: { cost: 24000, consumed: [...] } }
 * q.state                 // what is left
 */
export function fifoIssuer(state: FifoState, options: FifoOptions = {}): FifoIssuer {
  assertInput(issuerArgs, { state, options }, 'fifoIssuer');
  let current = state;
  return {
    get state() {
      return current;
    },
    issue(request) {
      const quick = plainIssue(current, request, options);
      if (quick) {
        current = quick.state;
        return ok({ cost: quick.cost, consumed: quick.consumed });
      }
      const bad = inputIssues(issuerRequest, { request });
      if (bad) return fail(...bad);
      const out = issue(current, request, options);
      if (!out.ok) return out;
      current = out.value.state;
      return ok({ cost: out.value.cost, consumed: out.value.consumed });
    },
  };
}

/**
 * The issue a bulk import makes line after line: a whole quantity, any batch, oldest first, from
 * a queue with the stock for it. Taken from the front of the queue, leaving the layers it does not
 * touch as they are, rather than through `issue`'s general path (a batch, a source first, a
 * deficit), which checks the request and copies every layer. Undefined when it is not that issue:
 * the general path answers it, and refusals are worded there.
 */
function plainIssue(
  state: FifoState,
  request: IssueRequest,
  options: FifoOptions,
): { state: FifoState; cost: Minor; consumed: Consumed[] } | undefined {
  if (
    typeof request !== 'object' ||
    request === null ||
    !Number.isSafeInteger(request.qty) ||
    request.qty <= 0 ||
    request.batch !== undefined ||
    request.source !== undefined ||
    state.deficit !== null
  )
    return undefined;
  const rounding = options.rounding ?? DEFAULT_ROUNDING;
  const layers = state.layers;
  const consumed: Consumed[] = [];
  let left = request.qty;
  let cost = 0;
  let next = 0;
  let partial: Layer | undefined;
  while (left > 0) {
    const layer = layers[next];
    if (!layer) return undefined; // not enough stock: refused, or a deficit, on the general path
    const take = Math.min(left, layer.qty);
    const value = share(layer.value, layer.qty, take, rounding);
    // Written out rather than spread: a million issues in a row, and spreading is their cost.
    consumed.push(
      layer.batch
        ? { source: layer.source, date: layer.date, batch: layer.batch, qty: take, value }
        : { source: layer.source, date: layer.date, qty: take, value },
    );
    left -= take;
    cost += value;
    if (take < layer.qty) {
      partial = { qty: layer.qty - take, value: layer.value - value, date: layer.date, source: layer.source };
      if (layer.batch !== undefined) partial.batch = layer.batch;
      if (layer.expiry !== undefined) partial.expiry = layer.expiry;
    }
    next += 1;
  }
  const last = consumed[consumed.length - 1] as Consumed;
  const rest = layers.slice(next);
  if (partial) rest.unshift(partial);
  return {
    state: {
      layers: rest,
      deficit: null,
      lastRate: { value: last.value, qty: last.qty },
    },
    cost,
    consumed,
  };
}

function issue(
  state: FifoState,
  request: IssueRequest,
  options: FifoOptions,
): Result<{ state: FifoState; cost: Minor; consumed: Consumed[] }> {
  const rounding = options.rounding ?? DEFAULT_ROUNDING;
  const eligible = (l: Layer) => request.batch === undefined || l.batch === request.batch;
  const available = state.layers.filter(eligible).reduce((s, l) => s + l.qty, 0) - (state.deficit?.qty ?? 0);
  if (request.qty > available && !options.allowNegative) {
    const where = options.context ? `${options.context.product} in ${options.context.warehouse}` : 'stock';
    return fail({
      code: 'stock.negative',
      path: ['qty'],
      message: `${where}${request.batch ? ` batch ${request.batch}` : ''}: ${formatQuantity(Math.max(available, 0))} available, ${formatQuantity(request.qty)} requested`,
      value: request.qty,
    });
  }
  const order = state.layers.map((l, i) => ({ l, i })).filter(({ l }) => eligible(l));
  if (request.source !== undefined)
    order.sort((a, b) => Number(b.l.source === request.source) - Number(a.l.source === request.source));
  const remaining = state.layers.map((l) => ({ ...l }));
  const consumed: Consumed[] = [];
  let left = request.qty;
  let cost = 0;
  for (const { i } of order) {
    if (left === 0) break;
    const layer = remaining[i];
    if (!layer || layer.qty === 0) continue;
    const take = Math.min(left, layer.qty);
    const value = share(layer.value, layer.qty, take, rounding);
    layer.qty -= take;
    layer.value -= value;
    left -= take;
    cost += value;
    consumed.push({
      source: layer.source,
      date: layer.date,
      ...(layer.batch ? { batch: layer.batch } : {}),
      qty: take,
      value,
    });
  }
  let deficit = state.deficit;
  const lastTaken = consumed.at(-1);
  if (left > 0) {
    // The last rate is that of the layer this issue emptied last, else the one before it.
    const rate = lastTaken ? { value: lastTaken.value, qty: lastTaken.qty } : state.lastRate;
    const value = rate ? mulDiv(rate.value, left, rate.qty, rounding) : 0;
    deficit = { qty: (deficit?.qty ?? 0) + left, value: (deficit?.value ?? 0) + value };
    cost += value;
    consumed.push({ source: 'deficit', date: '', qty: left, value });
  }
  const lastRate = lastTaken ? { value: lastTaken.value, qty: lastTaken.qty } : state.lastRate;
  return ok({ state: { layers: remaining.filter((l) => l.qty > 0), deficit, lastRate }, cost, consumed });
}

/**
 * Move stock between warehouses at cost: the layers leave one queue and arrive in the other with
 * their dates, sources, batches and values.
 *
 * @example
 * fifoTransfer(mainStore, branch, { qty: 3000 }) // { ok: true, value: { from, to, consumed } }
 */
export function fifoTransfer(
  from: FifoState,
  to: FifoState,
  request: IssueRequest,
  options: FifoOptions = {},
): Result<{ from: FifoState; to: FifoState; consumed: Consumed[]; adjustment: Minor }> {
  const bad = inputIssues(transferArgs, { from, to, request, options });
  if (bad) return fail(...bad);
  const out = issue(from, request, { ...options, allowNegative: false });
  if (!out.ok) return out;
  let dest = to;
  let adjustment = 0;
  for (const c of out.value.consumed) {
    const layer: Layer = {
      qty: c.qty,
      value: c.value,
      date: c.date,
      source: c.source,
      ...(c.batch ? { batch: c.batch } : {}),
    };
    const r = receive(dest, layer, options);
    dest = r.state;
    adjustment += r.adjustment;
  }
  return ok({ from: out.value.state, to: dest, consumed: out.value.consumed, adjustment });
}

/**
 * The cost a sales return comes back at: the original issue's cost, in proportion for a part.
 *
 * @example
 * returnCost({ qty: 8000, cost: 48000 }, 2000) // 12000
 */
export function returnCost(
  original: { qty: Milli; cost: Minor },
  returnQty: Milli,
  rounding: RoundingMode = DEFAULT_ROUNDING,
): Minor {
  assertInput(returnArgs, { original, returnQty, rounding }, 'returnCost');
  return share(original.cost, original.qty, returnQty, rounding);
}
