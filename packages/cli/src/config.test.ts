import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();

describe('tradeloop config', () => {
  it('lists, gets and sets the book’s settings; bad keys and values are refused with exit 3 and change nothing', () => {
    const db = join(tempDir(), 'co.db');
    const t = (...args: string[]) => tradeloop([...args, '--db', db]);
    expect(t('init', '--company', '华东茶叶').code).toBe(0);
    const listed = JSON.parse(t('config', 'list', '-f', 'json').stdout) as { rows: { key: string; value: string }[] };
    const keys = listed.rows.map((r) => r.key);
    for (const key of ['company', 'tax_id', 'currency', 'time_zone', 'rounding', 'prices_include_tax', 'crm.claim_cap'])
      expect(keys).toContain(key);
    expect(keys).toContain('numbering.INV');
    expect(keys).toContain('approval.po_amount.over');
    expect(listed.rows.find((r) => r.key === 'company')?.value).toBe('华东茶叶');

    const set = t('config', 'set', 'crm.lapse_days', '60', '-f', 'json');
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ key: 'crm.lapse_days', before: '90', after: '60' });
    expect(t('config', 'get', 'crm.lapse_days').stdout).toBe('60\n');

    const before = t('config', 'list', '-f', 'csv').stdout;
    for (const [key, value, says] of [
      ['crm.lapse_dayz', '10', 'crm.lapse_dayz: no such setting; did you mean crm.claim_cap, crm.lapse_days'],
      ['crm.lapse_days', '-5', 'crm.lapse_days: must be a whole number from 1 to 3650'],
      ['time_zone', 'Beijing', 'time_zone: must be an IANA time zone'],
      ['numbering.SO', 'SO-{####}', 'numbering.SO: needs the year'],
    ] as const) {
      const r = t('config', 'set', key, value);
      expect(r.code, `${key}=${value}`).toBe(3);
      expect(r.stderr).toContain(says);
    }
    expect(t('config', 'get', 'nope').code).toBe(3);
    expect(t('config', 'list', '-f', 'csv').stdout).toBe(before);
    const audit = t('audit', '--command', 'setConfig', '-f', 'json');
    expect(audit.stdout).toContain('crm.lapse_days');
  });
});
