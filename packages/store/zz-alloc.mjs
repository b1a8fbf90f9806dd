import { PerformanceObserver } from 'node:perf_hooks';
import { salesHistoryColumns, salesHistoryRowSchema } from '@tradeloop/core';
import { readTable, streamRecords } from './dist/index.js';
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
let minor = 0, minorMs = 0;
new PerformanceObserver((l) => { for (const e of l.getEntries()) { if (e.detail?.kind === 1 || e.kind === 1) { minor++; minorMs += e.duration; } } }).observe({ entryTypes: ['gc'] });
const file = process.argv[3] ?? '/tmp/hb/h200.csv';
const mode = process.argv[2];
const t = performance.now();
let n = 0;
if (mode === 'rawcsv') { for await (const r of createReadStream(file).pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, encoding: 'utf8' }))) n++; }
if (mode === 'csv') { for await (const r of readTable(file)) n++; }
if (mode === 'records') { const s = streamRecords(file, salesHistoryColumns({}), salesHistoryRowSchema, 'sales_history', { onError: 'abort' }); for await (const r of s.records) n++; }
await new Promise((r) => setTimeout(r, 50));
console.log(mode, n, 'ms', (performance.now() - t).toFixed(0), 'minor GCs', minor, 'gc ms', minorMs.toFixed(0));
