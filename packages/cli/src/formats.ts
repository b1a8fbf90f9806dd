/** Output formats of reports; kept apart from the renderers so `--help` loads none of them. */
export type Format = 'table' | 'csv' | 'json' | 'xlsx';
export const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'xlsx'];
