import { type MessagePort, workerData } from 'node:worker_threads';
import pg from 'pg';

/**
 * PostgreSQL's side of the store's synchronous driver: a worker thread holding the connections of
 * the drivers of its process, answering each call while the main thread waits for it (`PgDriver`).
 * A call may carry several statements: they are sent together (the connection pipelines them) and
 * answered in one reply. Counts and sums come back as numbers, refused past 2^53 (no amount or
 * quantity of a book comes near).
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

/** One statement of a call. */
export interface Statement {
  sql: string;
  params: unknown[];
  rowMode?: 'array';
}

/** A call to the worker; `seq` numbers it (the bridge sets it), and its answer carries it back. */
export type WorkerCall = (
  | { op: 'connect'; id: number; url: string }
  | { op: 'query'; id: number; statements: Statement[] }
  | { op: 'end'; id: number }
) & { seq?: number };

/** What a statement gave. */
export interface Answer {
  rows: unknown[];
  rowCount: number;
}

/** An error as it crosses to the main thread: PostgreSQL's fields kept, for whoever reads its cause. */
export interface WorkerError {
  message: string;
  fields: Record<string, unknown>;
  /** Which statement of the call failed. */
  index: number;
}

export type WorkerReply = ({ answers: Answer[] } | { error: WorkerError }) & { seq?: number };

/** How the main thread and this one meet: a port for the messages, a flag it waits on. */
export interface WorkerChannel {
  port: MessagePort;
  flag: SharedArrayBuffer;
}

/** Statements a connection prepared, by their text; past a bound (texts that vary: a grid page's) not kept. */
const prepared = new WeakMap<pg.Client, Map<string, string>>();
const MAX_PREPARED = 2_000;

function nameOf(client: pg.Client, sql: string): string | undefined {
  let names = prepared.get(client);
  if (!names) {
    names = new Map();
    prepared.set(client, names);
  }
  let name = names.get(sql);
  if (name === undefined && names.size < MAX_PREPARED) {
    name = `tl${names.size}`;
    names.set(sql, name);
  }
  return name;
}

/** The connections of every driver of the process, by the driver's number. */
const clients = new Map<number, pg.Client>();

const FIELDS = ['code', 'detail', 'hint', 'constraint', 'table', 'column', 'schema', 'where', 'severity', 'routine'];

function crossing(error: unknown, index: number): WorkerError {
  const e = error instanceof Error ? error : new Error(String(error));
  const fields: Record<string, unknown> = { name: e.name };
  for (const key of FIELDS) {
    const value = (e as unknown as Record<string, unknown>)[key];
    if (value !== undefined) fields[key] = value;
  }
  return { message: e.message, fields, index };
}

async function answer(call: WorkerCall): Promise<Answer[]> {
  switch (call.op) {
    case 'connect': {
      // Pipelined: statements of one call go out together, each still answered (or refused) alone.
      const client = new pg.Client({ connectionString: call.url, pipeline: true });
      // A connection the server ends (a restart, an idle timeout) fails its next statement, not the worker.
      client.on('error', () => clients.delete(call.id));
      await client.connect();
      clients.set(call.id, client);
      return [];
    }
    case 'query': {
      const client = clients.get(call.id);
      if (!client) throw Object.assign(new Error('the connection to the database is closed'), { index: 0 });
      const sent = call.statements.map((s) =>
        client.query({
          text: s.sql,
          values: s.params,
          ...(s.rowMode ? { rowMode: s.rowMode } : {}),
          // Prepared once per connection, planned from then on without being parsed again: a
          // quarter less of the server's time an order (statements without parameters, often
          // several in one text, are sent as they are).
          ...(s.params.length > 0 ? { name: nameOf(client, s.sql) } : {}),
        }),
      );
      const settled = await Promise.allSettled(sent);
      // The first refusal is the cause: in a transaction, the statements after it are refused for it.
      const failed = settled.findIndex((s) => s.status === 'rejected');
      if (failed >= 0) throw Object.assign((settled[failed] as PromiseRejectedResult).reason, { index: failed });
      return settled.map((s) => {
        const r = (s as PromiseFulfilledResult<pg.QueryResult>).value;
        return { rows: r.rows, rowCount: r.rowCount ?? 0 };
      });
    }
    case 'end': {
      const client = clients.get(call.id);
      clients.delete(call.id);
      await client?.end();
      return [];
    }
  }
}

const { port, flag } = workerData as WorkerChannel;
const waiting = new Int32Array(flag);
port.on('message', async (call: WorkerCall) => {
  let reply: WorkerReply;
  try {
    reply = { answers: await answer(call), seq: call.seq };
  } catch (error) {
    reply = { error: crossing(error, (error as { index?: number }).index ?? 0), seq: call.seq };
  }
  port.postMessage(reply);
  Atomics.store(waiting, 0, 1);
  Atomics.notify(waiting, 0);
});
