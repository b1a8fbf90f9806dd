import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { TradeloopError } from '@tradeloop/core';
import { parse } from 'csv-parse';
import { InputRejected } from './rejection.js';

/**
 * A table file: a path on disk, or its bytes as uploaded with the name it was given (the name
 * says CSV or XLSX, and names the file in every rejection).
 */
export type TableSource = string | { name: string; bytes: Uint8Array };

/** The name rejections give the file. */
export const sourceName = (source: TableSource): string =>
  typeof source === 'string' ? basename(source) : basename(source.name);

/** The file's bytes as a stream, read in chunks from disk or from memory. */
export const sourceStream = (source: TableSource, highWaterMark?: number): Readable =>
  typeof source === 'string'
    ? createReadStream(source, highWaterMark ? { highWaterMark } : {})
    : Readable.from([Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength)]);

export type Encoding = 'utf-8' | 'gb18030';

/** Where the first byte that is not text sits, as a person finds it in the file. */
export interface BadByte {
  /** Line of the file, from 1 (the row a spreadsheet shows, unless a cell holds line breaks). */
  row: number;
  /** Cell of that line, from 1, counting commas outside quotes. */
  column: number;
  /** The header of that column, when the bad byte is below the header line. */
  header?: string;
  byte: number;
}

export type EncodingVerdict = { ok: true; encoding: Encoding } | { ok: false; bad: BadByte; tried: string };

/** CJK ideographs, their punctuation and full-width forms: what Chinese text is made of. */
const CHINESE = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/** Tell where a position in decoded text is: line, cell and that cell's header. */
function locate(text: string, index: number, header: string | undefined, line: number) {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const prefix = text.slice(start, index);
  let column = 1;
  let quoted = false;
  for (const ch of prefix) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) column += 1;
  }
  const headers = header?.split(',');
  const name =
    line > 1
      ? headers?.[column - 1]
          ?.replace(/^\uFEFF/, '')
          .replace(/"/g, '')
          .trim()
      : undefined;
  return { column, ...(name ? { header: name } : {}) };
}

/**
 * Decide a text file's encoding from all of its bytes. UTF-8 (with or without BOM) when every
 * byte decodes as UTF-8. Otherwise GB18030, the superset of GBK that Excel in China saves as
 * "CSV", only when every byte decodes as that, the text reads as Chinese, and the bytes are not
 * mostly good UTF-8 (a UTF-8 file with a stray bad byte would otherwise come out as mojibake).
 * Anything else is refused, with the first bad byte's row and column.
 */
export async function sniffEncoding(chunks: AsyncIterable<Uint8Array>): Promise<EncodingVerdict> {
  const utf8 = new TextDecoder('utf-8', { fatal: false });
  const gb = new TextDecoder('gb18030', { fatal: true });
  let gbOk = true;
  let firstBad: BadByte | undefined;
  let lines = 1;
  let header: string | undefined;
  let headerDone = false;
  let goodWide = 0;
  let bad = 0;
  let chinese = 0;
  let wide = 0;
  let controls = 0;
  // Whether both decoders are between characters: after a chunk of two or more ASCII bytes they
  // are (or GB18030 has failed already), so a next chunk of only ASCII can be counted, not decoded.
  let between = true;
  for await (const chunk of chunks) {
    if (between && isAscii(chunk)) {
      // Most files are ASCII in most of their bytes: nothing here is bad or wide in either encoding.
      if (!headerDone) {
        const ascii = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
        const end = ascii.indexOf('\n');
        header = (header ?? '') + (end < 0 ? ascii : ascii.slice(0, end));
        headerDone = end >= 0;
      }
      for (let k = chunk.indexOf(10); k >= 0; k = chunk.indexOf(10, k + 1)) lines += 1;
      if (gbOk)
        for (let i = 0; i < chunk.length; i++) {
          const b = chunk[i] as number;
          if (b < 32 && b !== 10 && b !== 13 && b !== 9) controls += 1;
        }
      between = chunk.length >= 2;
      continue;
    }
    between = chunk.length >= 2 && isAscii(chunk);
    const text = utf8.decode(chunk, { stream: true });
    if (!headerDone) {
      const end = text.indexOf('\n');
      header = (header ?? '') + (end < 0 ? text : text.slice(0, end));
      headerDone = end >= 0;
    }
    for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
      bad += 1;
      if (!firstBad) {
        let line = lines;
        for (let k = text.indexOf('\n'); k >= 0 && k < i; k = text.indexOf('\n', k + 1)) line += 1;
        const byteAt = Buffer.byteLength(text.slice(0, i));
        firstBad = {
          row: line,
          ...locate(text, i, header, line),
          byte: chunk[Math.min(byteAt, chunk.length - 1)] ?? 0,
        };
      }
    }
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) lines += 1;
    for (const ch of text) if (ch > '\u007f' && ch !== '\uFFFD' && ch !== '\uFEFF') goodWide += 1;
    if (gbOk) {
      try {
        for (const ch of gb.decode(chunk, { stream: true })) {
          if (ch > '\u007f') {
            wide += 1;
            if (CHINESE.test(ch)) chinese += 1;
          } else if (ch < ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t') controls += 1;
        }
      } catch {
        gbOk = false;
      }
    }
  }
  const tail = utf8.decode();
  if (tail.includes('\uFFFD')) {
    bad += 1;
    firstBad ??= { row: lines, column: 1, byte: 0 };
  }
  if (bad === 0) return { ok: true, encoding: 'utf-8' };
  try {
    gb.decode();
  } catch {
    gbOk = false;
  }
  const mostlyUtf8 = goodWide >= 2 * bad;
  const readsChinese = wide > 0 && chinese / wide >= 0.7 && controls === 0;
  if (gbOk && !mostlyUtf8 && readsChinese) return { ok: true, encoding: 'gb18030' };
  return { ok: false, bad: firstBad ?? { row: 1, column: 1, byte: 0 }, tried: 'UTF-8 and GB18030 (GBK)' };
}

/** The encoding of a file (see `sniffEncoding`); refuses a file that is neither. */
export async function detectEncoding(source: TableSource): Promise<Encoding> {
  const verdict = await sniffEncoding(sourceStream(source, 1 << 20));
  if (verdict.ok) return verdict.encoding;
  const { bad } = verdict;
  const hex = `0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')}`;
  throw new InputRejected([
    {
      file: sourceName(source),
      row: bad.row,
      column: bad.header ?? `column ${bad.column}`,
      value: hex,
      rule: 'input.encoding',
      message: `byte ${hex} is not text in ${verdict.tried}; the file is refused rather than read as mojibake`,
    },
  ]);
}

function decoder(encoding: Encoding): Transform {
  const text = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, text.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, text.decode());
    },
  });
}

export interface CsvRecord {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  cells: string[];
}

export interface CsvReadOptions {
  /** Read quotes inside unquoted cells as text instead of refusing the file. */
  lenient?: boolean;
}

/** Stream a CSV file's records, decoded, with their row numbers. The first record is the header. */
export async function* readCsv(source: TableSource, read: CsvReadOptions = {}): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvBatches(source, read)) yield* batch;
}

/**
 * Most records a batch of `readCsvBatches` (and of a workbook's rows) holds. Measured on the
 * sales-history import at 1M lines: 16 or 64 a batch took some 4% less time than one record an
 * await; 256 or 1024 took some 8% more (each batch is checked whole before its first record goes
 * on: the reading thread then hands the writer its rows in bursts).
 */
export const RECORDS_PER_BATCH = 64;

/**
 * `readCsv` in batches: each batch what the parser holds at once (up to 64 records), so a
 * million-row file costs some sixteen thousand awaits rather than a million.
 */
export async function* readCsvBatches(source: TableSource, read: CsvReadOptions = {}): AsyncGenerator<CsvRecord[]> {
  const path = typeof source === 'string' ? source : source.name;
  const encoding = await detectEncoding(source).catch((error: NodeJS.ErrnoException) => {
    if (error instanceof InputRejected) throw error;
    throw new TradeloopError('input.unreadable', `cannot read ${path}: ${error.code ?? error.message}`, {
      hint: 'check the file name and that you may read it',
    });
  });
  // csv-parse splits UTF-8 bytes itself (a character cut between chunks is safe there); GB18030
  // needs decoding first, as Node's Buffer does not know it.
  // Wallet bills carry bare quotes inside unquoted cells (点击底部"多多视频"): kept as text there.
  const options = {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: read.lenient ?? false,
  } as const;
  const bytes = sourceStream(source);
  const parser =
    encoding === 'utf-8'
      ? bytes.pipe(parse({ ...options, encoding: 'utf8' }))
      : bytes.pipe(decoder(encoding)).pipe(parse(options));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      const batch: CsvRecord[] = [{ row, cells: record }];
      // Records the parser has already made come along without another await.
      while (batch.length < RECORDS_PER_BATCH) {
        const more = parser.read() as string[] | null;
        if (more === null) break;
        row += 1;
        batch.push({ row, cells: more });
      }
      yield batch;
    }
  } catch (error) {
    const e = error as { code?: string; message: string; lines?: number };
    throw new TradeloopError('input.csv', `${path} is not readable CSV: ${e.message}`, {
      hint: 'save the sheet as CSV (comma-separated) and try again',
      cause: error,
    });
  }
}
