import pg from 'pg';
import { runAsWorker } from 'synckit';

/**
 * PostgreSQL's side of the store's synchronous driver: a worker thread holding one connection,
 * answering each statement as the main thread waits for it (`PgDriver`). Counts and sums come
 * back as numbers, refused when they pass 2^53 (no amount or quantity of a book does).
 */
const exact = (text: string): number => {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${text} is beyond the integers a book keeps exactly (2^53)`);
  return n;
};
// int8 (counts, bigint columns) and numeric (sums of bigint) as numbers.
pg.types.setTypeParser(20, exact);
// Booleans (comparisons, `exists`) as SQLite gives them: 1 and 0.
pg.types.setTypeParser(16, (text: string) => (text === 't' ? 1 : 0));
pg.types.setTypeParser(1700, (text: string) => (/^-?\d+$/.test(text) ? exact(text) : Number(text)));

/**
 * The connections of every driver of the process, by the driver's number: the worker is one per
 * process (the sync bridge keeps one per script), and each book open in it has a connection.
 */
const clients = new Map<number, pg.Client>();

export type WorkerCall =
  | { op: 'connect'; id: number; url: string }
  | { op: 'query'; id: number; sql: string; params: unknown[]; rowMode?: 'array' }
  | { op: 'end'; id: number };

export interface WorkerAnswer {
  rows: unknown[];
  rowCount: number;
}

runAsWorker(async (call: WorkerCall): Promise<WorkerAnswer> => {
  switch (call.op) {
    case 'connect': {
      const client = new pg.Client({ connectionString: call.url });
      // A connection the server ends (a restart, an idle timeout) fails its next statement, not the worker.
      client.on('error', () => clients.delete(call.id));
      await client.connect();
      clients.set(call.id, client);
      return { rows: [], rowCount: 0 };
    }
    case 'query': {
      const client = clients.get(call.id);
      if (!client) throw new Error('the connection to the database is closed');
      const r = await client.query({
        text: call.sql,
        values: call.params,
        ...(call.rowMode ? { rowMode: call.rowMode } : {}),
      });
      return { rows: r.rows, rowCount: r.rowCount ?? 0 };
    }
    case 'end': {
      const client = clients.get(call.id);
      clients.delete(call.id);
      await client?.end();
      return { rows: [], rowCount: 0 };
    }
  }
});
