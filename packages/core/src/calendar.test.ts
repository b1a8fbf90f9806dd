import { addDays as addDaysToDate, differenceInCalendarDays, format, parse } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  inPeriod,
  isTimeZone,
  parseDate,
  parsePeriod,
  splitPeriod,
  todayIn,
} from './calendar.js';

describe('parseDate', () => {
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026.03.05', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    ['20260305', '2026-03-05'],
    [' 2024-02-29 ', '2024-02-29'],
  ])('reads %j', (text, iso) => {
    expect(parseDate(text)).toEqual({ ok: true, value: iso });
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', 'March 5', '05/03/2026', ''])('refuses %j', (text) => {
    expect(parseDate(text).ok).toBe(false);
  });
});

describe('date arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-01-31', '2026-03-01')).toBe(29);
    expect(daysBetween('2026-03-01', '2026-01-31')).toBe(-29);
  });

  it('agrees with date-fns on local calendar days, across daylight-saving changes too', () => {
    const local = (d: string) => parse(d, 'yyyy-MM-dd', new Date(2000, 0, 1));
    const day = fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.integer({ min: -100_000, max: 100_000 }), (from, to, n) => {
        expect(daysBetween(from, to)).toBe(differenceInCalendarDays(local(to), local(from)));
        const shifted = addDaysToDate(local(from), n);
        if (shifted.getFullYear() >= 1000 && shifted.getFullYear() <= 9999)
          expect(addDays(from, n)).toBe(format(shifted, 'yyyy-MM-dd'));
      }),
    );
  });

  it('refuses a date that does not exist or a count that is no whole number, naming the argument', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(
      expect.objectContaining({
        code: 'input.invalid',
        path: ['date'],
        message: 'addDays: date must be a date like 2026-03-05',
      }),
    );
    expect(() => addDays('2026-02-28', 1.5)).toThrow(expect.objectContaining({ code: 'input.invalid', path: ['n'] }));
    expect(() => daysBetween(undefined as never, '2026-02-28')).toThrow('daysBetween: from is required');
    expect(parseDate(20260305 as never)).toMatchObject({
      ok: false,
      issues: [{ code: 'input.invalid', path: ['text'], message: 'must be text, not 20260305' }],
    });
    expect(parsePeriod('monthly from 2026-01', { today: '20260310' })).toMatchObject({
      ok: false,
      issues: [{ code: 'input.invalid', path: ['options', 'today'] }],
    });
    expect(isTimeZone(undefined as never)).toBe(false);
  });
});

describe('parsePeriod', () => {
  const period = (text: string, today?: string) => {
    const r = parsePeriod(text, today ? { today } : {});
    if (!r.ok) throw new Error(r.issues[0]?.message);
    return r.value;
  };

  it('reads years, quarters, months and days with an exclusive end', () => {
    expect(period('2026')).toEqual({ start: '2026-01-01', end: '2027-01-01', label: '2026' });
    expect(period('2026Q1')).toEqual({ start: '2026-01-01', end: '2026-04-01', label: '2026Q1' });
    expect(period('2026q4')).toEqual({ start: '2026-10-01', end: '2027-01-01', label: '2026Q4' });
    expect(period('2026-03')).toEqual({ start: '2026-03-01', end: '2026-04-01', label: '2026-03' });
    expect(period('2026-12-31')).toEqual({ start: '2026-12-31', end: '2027-01-01', label: '2026-12-31' });
  });

  it('reads a range up to the start of its second term, as hledger does', () => {
    expect(period('2025-01..2025-07')).toMatchObject({ start: '2025-01-01', end: '2025-07-01' });
    expect(period('2025-01-15..2025Q3')).toMatchObject({ start: '2025-01-15', end: '2025-07-01' });
  });

  it('reads intervals, aligned to their natural boundaries', () => {
    expect(period('monthly from 2025-01 to 2025-04')).toMatchObject({
      start: '2025-01-01',
      end: '2025-04-01',
      interval: 'monthly',
    });
    expect(period('quarterly from 2025-02-10 to 2026')).toMatchObject({ start: '2025-01-01', end: '2026-01-01' });
    expect(period('monthly from 2026-01', '2026-03-10')).toMatchObject({ start: '2026-01-01', end: '2026-04-01' });
    expect(period('weekly from 2026-03-04 to 2026-03-16')).toMatchObject({ start: '2026-03-02', end: '2026-03-16' });
  });

  it('says what is wrong with a bad period', () => {
    for (const [text, message] of [
      ['2026Q5', 'must be a period'],
      ['2026-07..2026-01', 'ends before it starts'],
      ['monthly from 2026-01', 'needs today'],
      ['monthly from soon', '"soon" is not a date'],
      ['..2026', 'needs both ends'],
    ] as const) {
      const r = parsePeriod(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.issues[0]?.message).toContain(message);
    }
  });
});

describe('splitPeriod', () => {
  it('splits by the interval, cutting the ends to the span', () => {
    const spec = { start: '2026-01-15', end: '2026-03-10', label: 'x', interval: 'monthly' as const };
    expect(splitPeriod(spec)).toEqual([
      { start: '2026-01-15', end: '2026-02-01', label: '2026-01' },
      { start: '2026-02-01', end: '2026-03-01', label: '2026-02' },
      { start: '2026-03-01', end: '2026-03-10', label: '2026-03' },
    ]);
    expect(
      splitPeriod({ start: '2026-01-01', end: '2027-01-01', label: '2026' }, 'quarterly').map((p) => p.label),
    ).toEqual(['2026Q1', '2026Q2', '2026Q3', '2026Q4']);
    expect(
      splitPeriod({ start: '2026-03-02', end: '2026-03-16', label: '', interval: 'weekly' }).map((p) => p.label),
    ).toEqual(['2026-W10', '2026-W11']);
  });

  it('tells whether a date is inside, end excluded', () => {
    expect(inPeriod({ start: '2026-01-01', end: '2026-02-01' }, '2026-01-31')).toBe(true);
    expect(inPeriod({ start: '2026-01-01', end: '2026-02-01' }, '2026-02-01')).toBe(false);
  });
});

describe('todayIn', () => {
  it('is already tomorrow in Shanghai at 23:30 UTC', () => {
    const now = new Date('2026-03-04T23:30:00Z');
    expect(todayIn('Asia/Shanghai', now)).toBe('2026-03-05');
    expect(todayIn('UTC', now)).toBe('2026-03-04');
  });

  it('is the new day at 00:30 in Shanghai, while UTC is still on the day before', () => {
    const now = new Date('2026-03-04T16:30:00Z'); // 00:30 on 5 March in Shanghai
    expect(todayIn('Asia/Shanghai', now)).toBe('2026-03-05');
    expect(now.toISOString().slice(0, 10)).toBe('2026-03-04');
  });

  it("turns the year in the book's zone, not the machine's", () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(todayIn('America/New_York', new Date('2027-01-01T03:00:00Z'))).toBe('2026-12-31');
  });

  it('knows real zone names and refuses made-up ones', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
