import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatMoney, formatQuantity } from './format';

const cny = { currency: 'CNY', precision: 2 };

describe('formatMoney', () => {
  it('writes minor units in the locale, the split into yuan and fen done in integers', () => {
    expect(formatMoney(123456, 'en', cny)).toBe('CN¥1,234.56');
    expect(formatMoney(123456, 'zh-CN', cny)).toBe('¥1,234.56');
    expect(formatMoney(-123456, 'zh-CN', cny)).toBe('-¥1,234.56');
    expect(formatMoney(-50, 'en', { ...cny, display: 'number' })).toBe('-0.50');
    expect(formatMoney(5, 'zh-CN', { ...cny, display: 'number' })).toBe('0.05');
    expect(formatMoney(0, 'en', { ...cny, display: 'number' })).toBe('0.00');
  });

  it('keeps every digit of amounts a float would round, and the book’s precision', () => {
    // 9,007,199,254,740,991 fen: as a float in yuan it would print ...740,992.
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'en', { ...cny, display: 'number' })).toBe('90,071,992,547,409.91');
    expect(formatMoney(1234567, 'en', { currency: 'JPY', precision: 0 })).toBe('¥1,234,567');
    expect(formatMoney(12345, 'en', { currency: 'USD', precision: 3, display: 'number' })).toBe('12.345');
    expect(() => formatMoney(1.5, 'en', cny)).toThrow(RangeError);
  });
});

describe('formatDate and formatCount', () => {
  it('write a book date as the locale does, on the same day whatever the time zone', () => {
    expect(formatDate('2026-11-20', 'en')).toBe('Nov 20, 2026');
    expect(formatDate('2026-11-20', 'zh-CN')).toBe('2026年11月20日');
    expect(formatDate('2026-01-01', 'zh-CN')).toBe('2026年1月1日');
    expect(formatDate('not a date', 'en')).toBe('not a date');
    expect(formatCount(12345, 'zh-CN')).toBe('12,345');
  });
});

describe('formatQuantity', () => {
  it('writes thousandths without trailing zeros, grouped as the locale groups', () => {
    expect(formatQuantity(2500, 'en')).toBe('2.5');
    expect(formatQuantity(1_234_000, 'zh-CN')).toBe('1,234');
    expect(formatQuantity(-1, 'en')).toBe('-0.001');
    expect(formatQuantity(1_000_500, 'de')).toBe('1.000,5');
  });
});
