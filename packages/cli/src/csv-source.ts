import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { TradeloopError } from '@tradeloop/core';
import { parse } from 'csv-parse';

export type Encoding = 'utf-8' | 'gb18030';

/**
 * Guess a text file's encoding from its first 64 KiB: UTF-8 (with or without BOM) when those bytes
 * are valid UTF-8, otherwise GB18030, the superset of GBK that Excel in China saves as "CSV".
 */
export async function detectEncoding(path: string): Promise<Encoding> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    let sample = buffer.subarray(0, bytesRead);
    // A cut multi-byte character at the end of the sample must not count against UTF-8.
    if (bytesRead === buffer.length) sample = sample.subarray(0, trimPartialUtf8(sample));
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample);
      return 'utf-8';
    } catch {
      return 'gb18030';
    }
  } finally {
    await handle.close();
  }
}

function trimPartialUtf8(bytes: Uint8Array): number {
  let end = bytes.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b >= 0xc0) end -= i; // lead byte of an incomplete sequence
    break;
  }
  return end;
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

/** Stream a CSV file's records, decoded, with their row numbers. The first record is the header. */
export async function* readCsv(path: string): AsyncGenerator<CsvRecord> {
  const encoding = await detectEncoding(path).catch((error: NodeJS.ErrnoException) => {
    throw new TradeloopError('input.unreadable', `cannot read ${path}: ${error.code ?? error.message}`, {
      hint: 'check the file name and that you may read it',
    });
  });
  // csv-parse splits UTF-8 bytes itself (a character cut between chunks is safe there); GB18030
  // needs decoding first, as Node's Buffer does not know it.
  const options = { bom: true, skip_empty_lines: true, relax_column_count: true } as const;
  const source = createReadStream(path);
  const parser =
    encoding === 'utf-8'
      ? source.pipe(parse({ ...options, encoding: 'utf8' }))
      : source.pipe(decoder(encoding)).pipe(parse(options));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells: record };
    }
  } catch (error) {
    const e = error as { code?: string; message: string; lines?: number };
    throw new TradeloopError('input.csv', `${path} is not readable CSV: ${e.message}`, {
      hint: 'save the sheet as CSV (comma-separated) and try again',
      cause: error,
    });
  }
}
