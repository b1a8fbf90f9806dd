import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Product } from '@tradeloop/core';
import { afterEach } from 'vitest';

/** A fresh folder per test, removed afterwards. */
export function useTempDir(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), 'tradeloop-'));
    dirs.push(d);
    return d;
  };
}

export const fixedClock = () => new Date('2026-03-01T08:00:00.000Z');

export const sampleProduct = (over: Partial<Product> = {}): Product => ({
  sku: 'TEA-001',
  name: '西湖龙井',
  nameEn: 'West Lake Longjing',
  category: '饮料/茶叶',
  uom: 'box',
  price: 8800,
  cost: 5200,
  taxRate: 1300,
  listed: true,
  ...over,
});
