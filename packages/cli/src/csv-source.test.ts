import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectEncoding, readCsv } from '@tradeloop/store';
import { describe, expect, it } from 'vitest';
import { InputRejected } from './cli-error.js';
import { FIXTURES, useTempDir } from './test-support.js';

const tempDir = useTempDir();

async function rows(path: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const r of readCsv(path)) out.push(r.cells);
  return out;
}

describe('file encodings', () => {
  it('reads UTF-8, with or without BOM, and a real GBK file as Chinese', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bom.csv'), '\uFEFF编码,名称\nA1,正常中文名\n');
    expect(await rows(join(dir, 'bom.csv'))).toEqual([
      ['编码', '名称'],
      ['A1', '正常中文名'],
    ]);
    expect(await detectEncoding(join(FIXTURES, 'import/products-zh-gbk.csv'))).toBe('gb18030');
    const gbk = await rows(join(FIXTURES, 'import/products-zh-gbk.csv'));
    expect(gbk[0]?.[0]).toBe('编码');
  });

  it('refuses a UTF-8 file with one bad byte, naming its row and column, instead of reading mojibake', async () => {
    const file = join(tempDir(), 'broken.csv');
    const good = Buffer.from('编码,名称,类别\nA1,正常中文名,茶叶\nA2,', 'utf8');
    // One byte of a three-byte character lost: 名 is E5 90 8D.
    const broken = Buffer.concat([good, Buffer.from([0xe5, 0x90]), Buffer.from('字,茶叶\nA3,第三行,茶叶\n', 'utf8')]);
    writeFileSync(file, broken);
    const error = await detectEncoding(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputRejected);
    expect((error as InputRejected).rejections).toEqual([
      {
        file: 'broken.csv',
        row: 3,
        column: '名称',
        value: '0xE5',
        rule: 'input.encoding',
        message: 'byte 0xE5 is not text in UTF-8 and GB18030 (GBK); the file is refused rather than read as mojibake',
      },
    ]);
  });

  it('refuses a bad byte far past the first 64 KiB', async () => {
    const file = join(tempDir(), 'long.csv');
    const body = Array.from({ length: 5000 }, (_, i) => `S${i},茶叶样品${i}`).join('\n');
    writeFileSync(file, Buffer.concat([Buffer.from(`编码,名称\n${body}\nX,`), Buffer.from([0xff]), Buffer.from('\n')]));
    const error = (await detectEncoding(file).catch((e: unknown) => e)) as InputRejected;
    expect(error.rejections[0]).toMatchObject({ row: 5002, column: '名称', value: '0xFF' });
  });

  it('refuses bytes that are neither UTF-8 nor Chinese text', async () => {
    const file = join(tempDir(), 'binary.csv');
    writeFileSync(
      file,
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0xa1, 0x30]),
    );
    await expect(detectEncoding(file)).rejects.toBeInstanceOf(InputRejected);
  });
});
