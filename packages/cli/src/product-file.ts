import { basename } from 'node:path';
import { type ColumnSpec, matchProductHeaders, type Product, parseProductCells } from '@tradeloop/core';
import { InputRejected, issueToRejection, type Rejection } from './cli-error.js';
import { readCsv } from './csv-source.js';

export interface ProductFile {
  products: Product[];
  /** Headers that matched no product field (warned about, not imported). */
  ignored: readonly string[];
}

/**
 * Read a products CSV: match its header row, check every row with core's rules and collect every
 * problem with its row and column. Any problem rejects the whole file.
 */
export async function readProductFile(path: string, columns: readonly ColumnSpec<Product>[]): Promise<ProductFile> {
  const file = basename(path);
  const rejections: Rejection[] = [];
  const products: Product[] = [];
  const firstRowOfSku = new Map<string, number>();
  let headers: string[] | undefined;
  let fieldIndex: Partial<Record<keyof Product, number>> = {};
  let ignored: readonly string[] = [];

  for await (const { row, cells } of readCsv(path)) {
    if (!headers) {
      headers = cells;
      const match = matchProductHeaders(cells, columns);
      if (!match.ok) {
        throw new InputRejected(match.issues.map((i) => issueToRejection(file, row, String(i.path[0] ?? ''), i)));
      }
      fieldIndex = match.value.columns;
      ignored = match.value.ignored;
      continue;
    }
    const record: Partial<Record<keyof Product, string>> = {};
    for (const [field, index] of Object.entries(fieldIndex) as [keyof Product, number][]) record[field] = cells[index];
    const header = (field: string | number | undefined) => {
      const index = fieldIndex[field as keyof Product];
      return index === undefined ? String(field ?? '') : (headers?.[index] ?? '');
    };
    const parsed = parseProductCells(record, columns);
    if (!parsed.ok) {
      for (const issue of parsed.issues) rejections.push(issueToRejection(file, row, header(issue.path[0]), issue));
      continue;
    }
    const first = firstRowOfSku.get(parsed.value.sku);
    if (first !== undefined) {
      rejections.push({
        file,
        row,
        column: header('sku'),
        value: parsed.value.sku,
        rule: 'product.sku.duplicate',
        message: `appears again (first at row ${first})`,
      });
      continue;
    }
    firstRowOfSku.set(parsed.value.sku, row);
    products.push(parsed.value);
  }
  if (!headers) {
    throw new InputRejected([
      { file, row: 1, column: '', value: '', rule: 'input.empty', message: 'the file has no header row' },
    ]);
  }
  if (rejections.length > 0) throw new InputRejected(rejections);
  return { products, ignored };
}
