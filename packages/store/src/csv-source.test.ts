import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvBatches, sniffEncoding } from './csv-source.js';

async function* chunked(bytes: Uint8Array, cuts: number[]) {
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= at || cut >= bytes.length) continue;
    yield bytes.subarray(at, cut);
    at = cut;
  }
  yield bytes.subarray(at);
}

const verdictOf = async (bytes: Uint8Array, cuts: number[] = []) => {
  const v = await sniffEncoding(chunked(bytes, cuts));
  // Where a bad byte sits is told by row; its column is counted within the chunk it came in.
  return v.ok ? v : { ok: false, row: v.bad.row, tried: v.tried };
};

/** Pieces a file is made of: ASCII lines, Chinese in either encoding, control bytes, stray bytes. */
const piece = fc.oneof(
  fc.constantFrom('order,date,qty\n', 'A-1,2024-01-05,3\r\n', '"x, y",1\n', '\t', '\n', '12'),
  fc.constantFrom('客户', '老客户,合计'),
  fc.constantFrom('GBK'),
  fc.constantFrom('CTRL'),
  fc.integer({ min: 0x80, max: 0xff }).map((b) => String.fromCharCode(b)),
);
const gbk: Record<string, number[]> = {
  GBK: [0xc0, 0xcf, 0xbf, 0xcd, 0xbb, 0xa7], // 老客户
};

const bytesOf = (pieces: string[]) =>
  new Uint8Array(
    pieces.flatMap((p) =>
      gbk[p]
        ? gbk[p]
        : p === 'CTRL'
          ? [0x01]
          : p.length === 1 && p >= '\u0080'
            ? [p.charCodeAt(0)]
            : [...Buffer.from(p)],
    ),
  );

describe('sniffEncoding', () => {
  it('tells UTF-8, GBK and neither apart', async () => {
    expect(await verdictOf(Buffer.from('sku,名称\nA-1,笔\n'))).toEqual({ ok: true, encoding: 'utf-8' });
    expect(await verdictOf(bytesOf(['sku,name\n', 'GBK', 'GBK', '\n']))).toEqual({ ok: true, encoding: 'gb18030' });
    expect(await verdictOf(bytesOf(['sku,name\n', 'A-1,2024-01-05,3\r\n', 'CTRL', 'GBK', '\n']))).toMatchObject({
      ok: false,
      row: 3,
    });
  });

  it('gives the same verdict however the file comes in chunks, ASCII chunks counted without decoding', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat({ max: 200 }), { maxLength: 40 }),
        async (pieces, cuts) => {
          const bytes = bytesOf(pieces);
          expect(await verdictOf(bytes, cuts)).toEqual(await verdictOf(bytes));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads a character cut between chunks whole, even when the next chunk is ASCII', async () => {
    // A stray UTF-8 lead byte ends a chunk: the ASCII after it is where it goes bad (row 2).
    const stray = new Uint8Array([...Buffer.from('sku,qty\nA-1,'), 0xc3, ...Buffer.from('3\nA-2,4\nA-3,'), 0xe4, 0x0a]);
    expect(await verdictOf(stray, [13, 20])).toEqual(await verdictOf(stray));
    expect(await verdictOf(stray, [13, 20])).toMatchObject({ ok: false, row: 2 });
    // A GBK lead byte then a byte in ASCII's range is one character in GB18030 (0x81 0x40 is 丂).
    const gbk = new Uint8Array([...Buffer.from('a\n'), 0xc0, 0xcf, 0x81, ...Buffer.from('@b\n'), 0xbf, 0xcd, 0x0a]);
    expect(await verdictOf(gbk, [5, 8])).toEqual(await verdictOf(gbk));
  });

  it('finds a bad byte after a long run of ASCII by its row', async () => {
    const head = Buffer.from(`sku,qty\n${'A-1,3\n'.repeat(20_000)}`);
    const bytes = new Uint8Array([...head, 0xff, 0x0a]);
    const cuts = Array.from({ length: 40 }, (_, i) => (i + 1) * 4096);
    expect(await verdictOf(bytes, cuts)).toMatchObject({ ok: false, row: 20_002 });
  });
});

describe('readCsvBatches', () => {
  it('reads every record once, in order and numbered, up to 64 to a batch', async () => {
    const text = `sku,qty\n${Array.from({ length: 5000 }, (_, i) => `A-${i},${i}`).join('\n')}\n`;
    const batches: { row: number; cells: string[] }[][] = [];
    for await (const b of readCsvBatches({ name: 'many.csv', bytes: Buffer.from(text) })) batches.push(b);
    const rows = batches.flat();
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 5001 }, (_, i) => i + 1));
    expect(rows[5000]?.cells).toEqual(['A-4999', '4999']);
    expect(Math.max(...batches.map((b) => b.length))).toBe(64);
    expect(batches.length).toBeLessThan(100);
  });

  it('still refuses a file that stops being CSV, after the batches before it', async () => {
    const text = `sku,qty\n${'A-1,1\n'.repeat(3000)}A-2,"2\n`;
    const read = async () => {
      for await (const _ of readCsvBatches({ name: 'cut.csv', bytes: Buffer.from(text) }));
    };
    await expect(read()).rejects.toMatchObject({ code: 'input.csv' });
  });
});
