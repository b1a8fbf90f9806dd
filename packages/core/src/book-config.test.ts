import { describe, expect, it } from 'vitest';
import { BOOK_SETTINGS, configSetting, parseNumbering, renderNumber } from './book-config.js';

const context = { precision: 2, rounding: 'half-up' as const };

describe('book settings', () => {
  it('have unique keys, and every default is a value its own rule accepts unchanged', () => {
    const keys = BOOK_SETTINGS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of BOOK_SETTINGS.filter((x) => x.default !== ''))
      expect(s.parse(s.default, context), s.key).toEqual({ ok: true, value: s.default });
  });

  it('names the key and the nearest keys when one is unknown', () => {
    expect(configSetting('crm.claimcap')).toMatchObject({
      ok: false,
      issues: [
        { code: 'config.unknown_key', path: ['crm.claimcap'], message: expect.stringContaining('crm.claim_cap') },
      ],
    });
  });
});

describe('numbering patterns', () => {
  it('render the prefix, year, month and a padded counter', () => {
    expect(renderNumber('{PREFIX}-{YYYY}-{######}', { prefix: 'INV', date: '2026-12-03', n: 42 })).toBe(
      'INV-2026-000042',
    );
    expect(renderNumber('XS{YY}{MM}/{####}', { prefix: 'SO', date: '2027-01-09', n: 12345 })).toBe('XS2701/12345');
  });

  it('need the year and one counter, and nothing but letters, digits and - _ / .', () => {
    expect(parseNumbering('FP{YYYY}{#####}').ok).toBe(true);
    for (const bad of [
      'FP-{#####}',
      'FP{YYYY}',
      'FP{YYYY}{##}',
      'FP {YYYY}{####}',
      'FP{YYYY}{####}{###}',
      'FP{DD}{YYYY}{####}',
    ])
      expect(parseNumbering(bad).ok, bad).toBe(false);
  });
});
