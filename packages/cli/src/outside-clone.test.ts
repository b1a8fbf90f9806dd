import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, useTempDir } from './test-support.js';

const tempDir = useTempDir();

describe('tradeloop from any folder', () => {
  it('runs from a folder outside the clone once `npm run link` has put it on PATH', () => {
    const dir = tempDir();
    const bin = join(dir, 'bin');
    const work = join(dir, 'my-company');
    mkdirSync(work);
    const link = spawnSync(process.execPath, [join(ROOT, 'scripts/link.mjs'), '--bin-dir', bin], { encoding: 'utf8' });
    expect(link.status, link.stderr).toBe(0);
    expect(link.stdout).toContain(`${bin} is not on PATH`);
    // A shell that finds `tradeloop` on PATH, in the company's own folder.
    const env = { PATH: `${bin}:${process.env.PATH}`, HOME: dir };
    const run = (...args: string[]) => spawnSync('tradeloop', args, { cwd: work, env, encoding: 'utf8' });
    writeFileSync(join(work, 'products.csv'), '编码,名称,类别,售价,成本,税率\nT-001,龙井,茶叶,88.00,52.00,13\n');
    expect(run('init', '--company', '我的公司').status).toBe(0);
    const imported = run('import', 'products', 'products.csv');
    expect(imported.status, imported.stderr).toBe(0);
    expect(existsSync(join(work, 'tradeloop.db'))).toBe(true);
    expect(run('export', 'products', '-f', 'csv').stdout).toContain('T-001');
    expect(realpathSync(join(bin, 'tradeloop'))).toBe(join(ROOT, 'packages/cli/bin/tradeloop.js'));
  });
});
