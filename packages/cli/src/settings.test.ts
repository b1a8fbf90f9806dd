import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBookPath } from './settings.js';
import { useTempDir } from './test-support.js';

const tempDir = useTempDir();

describe('resolveBookPath', () => {
  it('prefers the flag, then the environment, then the config file, then ./tradeloop.db', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'tradeloop.config.json'), '{"db": "data/co.db"}');
    const cwd = join(dir, 'a', 'b');
    expect(resolveBookPath('x.db', { TRADELOOP_DB: 'y.db' }, cwd)).toBe(join(cwd, 'x.db'));
    expect(resolveBookPath(undefined, { TRADELOOP_DB: 'y.db' }, cwd)).toBe(join(cwd, 'y.db'));
    expect(resolveBookPath(undefined, {}, cwd)).toBe(join(dir, 'data', 'co.db'));
    const bare = tempDir();
    expect(resolveBookPath(undefined, {}, bare)).toBe(join(bare, 'tradeloop.db'));
  });

  it('names a config file that is not JSON', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tradeloop.config.json'), '{db:');
    expect(() => resolveBookPath(undefined, {}, dir)).toThrow(expect.objectContaining({ code: 'config.invalid' }));
  });
});
