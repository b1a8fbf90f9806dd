import { describe, expect, it } from 'vitest';
import { filterFromText } from './filters';
import type { GridColumn } from './types';

const column = (kind: GridColumn['kind']): GridColumn => ({
  name: 'c',
  label: { en: 'C', zh: 'C' },
  kind,
  editable: true,
  required: false,
});

describe('filterFromText', () => {
  it('reads comparisons, ranges and blanks as spreadsheet users type them', () => {
    expect(filterFromText(column('money'), '>100')).toEqual({ column: 'c', op: 'gt', value: '100' });
    expect(filterFromText(column('money'), '< 5')).toEqual({ column: 'c', op: 'lt', value: '5' });
    expect(filterFromText(column('text'), '=TEA-001')).toEqual({ column: 'c', op: 'eq', value: 'TEA-001' });
    expect(filterFromText(column('qty'), '10..20')).toEqual({ column: 'c', op: 'between', value: ['10', '20'] });
    expect(filterFromText(column('text'), '（空）')).toEqual({ column: 'c', op: 'blank' });
  });

  it('is contains for text, equals for figures, and nothing for an empty box', () => {
    expect(filterFromText(column('text'), ' 龙井 ')).toEqual({ column: 'c', op: 'contains', value: '龙井' });
    expect(filterFromText(column('text'), 'a..b')).toEqual({ column: 'c', op: 'contains', value: 'a..b' });
    expect(filterFromText(column('percent'), '13%')).toEqual({ column: 'c', op: 'eq', value: '13%' });
    expect(filterFromText(column('money'), '  ')).toBeUndefined();
  });
});
