import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Book } from './book.js';
import { check } from './check.js';
import { loadOrder } from './sales.js';
import { stockBalance } from './stock-ledger.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();
const worker = fileURLToPath(new URL('./test-support/worker.mjs', import.meta.url));

function run(
  args: string[],
  killAfterMs?: number,
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('a book under process failure and contention', () => {
  it('stays intact and consistent when a bulk command is killed at 24 points', async () => {
    const book = await smallCompany(tempDir());
    const path = book.path;
    book.close();
    let killed = 0;
    for (let point = 0; point < 24; point++) {
      // Kills spread from start-up through the middle of the 300-line bulk commands.
      const r = await run(['bulk', path], 150 + point * 60);
      if (r.signal === 'SIGKILL') killed += 1;
      else expect(r.code, r.stderr).toBe(0);
      const raw = new Database(path);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      // Each bulk command adds 300 opening moves or none: never part of one.
      const opening = raw
        .prepare("select count(*) from stock_moves where document = 'OPENING'")
        .pluck()
        .get() as number;
      expect((opening - 1) % 300).toBe(0);
      raw.close();
      const reopened = await Book.open(path);
      expect(check(reopened)).toEqual([]);
      reopened.close();
    }
    expect(killed).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it('never oversells scarce stock to two processes ordering at once, and loses no order', async () => {
    const book = await smallCompany(tempDir());
    const path = book.path;
    book.close();
    // 5 boxes on hand; two processes each place and approve 8 one-box orders.
    const [a, b] = await Promise.all([run(['orders', path, '8', 'a']), run(['orders', path, '8', 'b'])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const outcomes = [a, b].map(
      (r) => JSON.parse(r.stdout.trim()) as { placed: number; approved: number; refused: number; busy: number },
    );
    expect(outcomes.map((o) => o.busy)).toEqual([0, 0]);
    expect(outcomes.reduce((s, o) => s + o.placed, 0)).toBe(16);
    const after = await Book.open(path);
    const orders = after.exec.select<{ number: string }>('select number from sales_orders');
    expect(orders).toHaveLength(16);
    const reserved = orders.reduce((s, o) => s + (loadOrder(after, o.number).lines[0]?.reserved_qty ?? 0), 0);
    expect(reserved).toBe(5_000);
    expect(stockBalance(after, 1, 1)).toMatchObject({ onHand: 5_000, reserved: 5_000 });
    // The 11 not covered wait on requisitions; nothing is double-counted.
    expect(after.exec.value('select sum(qty) from requisitions')).toBe(11_000);
    expect(check(after)).toEqual([]);
    after.close();
  }, 60_000);
});
