import { type Issue, type Milli, parseQuantity, TradeloopError } from '@tradeloop/core';

/**
 * The numbered lines of a form (`sku.0`, `qty.0`, `sku.1`, …), quantities read as the CLI reads
 * them (`2.5` is 2500 thousandths). A line without a product or a quantity is left out; a
 * quantity that is not one refuses the form, naming its line, and so does a form without lines.
 *
 * @example
 * numberedLines({ 'sku.0': 'TEA-001', 'qty.0': '2.5' }) // [{ sku: 'TEA-001', qty: 2500 }]
 */
export function numberedLines(fields: Record<string, unknown>): { sku: string; qty: Milli }[] {
  const lines: { sku: string; qty: Milli }[] = [];
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const at = /^sku\.(\d+)$/.exec(key)?.[1];
    const text = at === undefined ? undefined : fields[`qty.${at}`];
    if (at === undefined || typeof value !== 'string' || typeof text !== 'string') continue;
    const qty = parseQuantity(text);
    if (qty.ok) lines.push({ sku: value, qty: qty.value });
    else issues.push(...qty.issues.map((i) => ({ ...i, path: ['lines', Number(at), 'qty'] })));
  }
  if (lines.length === 0 && issues.length === 0)
    issues.push({
      code: 'input.required',
      path: ['lines'],
      message: 'give at least one line: a product and its quantity',
    });
  if (issues.length > 0)
    throw new TradeloopError('input.invalid', `lines: ${issues[0]?.message}`, { issues, path: ['lines'] });
  return lines;
}
