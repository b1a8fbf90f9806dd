import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Answer, WorkerCall, WorkerChannel, WorkerReply } from './pg-worker.js';

/** How long opening a connection may take (the worker's start, the server's answer). */
const CONNECT_WAIT_MS = 60_000;

/** The bridge of this thread: its worker, the flag it raises, and a connection asked for ahead. */
interface Bridge {
  call: (call: WorkerCall) => Answer[];
  /** Connections are numbered per thread, for the worker to tell them apart. */
  next: number;
  /** A connection opened ahead (`openPostgresEarly`), its answer not taken yet. */
  ahead?: { url: string; id: number; take: () => void };
  /** Ask for a connection without waiting for it. */
  early: (url: string) => void;
}

/**
 * Kept under a global name, not in this module: a program bundled in two parts (the command line's
 * front and engine) carries this module twice, and both must find the one worker.
 */
const KEY = Symbol.for('tradeloop.pg-bridge');
const slot = globalThis as unknown as { [KEY]?: Bridge };

/**
 * The worker of this thread, started with its first connection: one call in flight at a time, as
 * the thread waits on each. A call is posted; this thread sleeps on a shared flag until the worker
 * has posted its reply and raised the flag, then takes the reply.
 */
function bridge(): Bridge {
  const kept = slot[KEY];
  if (kept) return kept;
  const flag = new SharedArrayBuffer(4);
  const waiting = new Int32Array(flag);
  const { port1, port2 } = new MessageChannel();
  const path = fileURLToPath(import.meta.resolve('@tradeloop/store/pg-worker'));
  const worker = new Worker(path, {
    workerData: { port: port2, flag } satisfies WorkerChannel,
    transferList: [port2],
    // Not this process's flags: one made for its own input (`--input-type`, a loader) stops a worker from starting.
    execArgv: [],
  });
  // The worker neither keeps the process alive nor answers for it: each call waits on its own reply.
  worker.unref();
  port1.unref();
  let died: Error | undefined;
  worker.once('error', (error) => {
    died = error;
  });
  let sent = 0;
  const post = (call: WorkerCall): void => {
    if (died) throw died;
    call.seq = ++sent;
    Atomics.store(waiting, 0, 0);
    port1.postMessage(call);
  };
  const take = (call: WorkerCall): Answer[] => {
    // A worker that cannot start never answers: the connection is given a bound, statements none.
    const until = call.op === 'connect' ? Date.now() + CONNECT_WAIT_MS : Number.POSITIVE_INFINITY;
    if (!waitForFlag(waiting, until)) {
      died = new Error(`the database did not answer within ${CONNECT_WAIT_MS / 1000} s`);
      void worker.terminate();
      throw died;
    }
    const got = receiveMessageOnPort(port1);
    if (!got) throw died ?? new Error('the database worker stopped answering');
    const reply = got.message as WorkerReply;
    // Each answer names its call: one that does not is a broken bridge, not a result to use.
    if (reply.seq !== call.seq) {
      died = new Error(`the database worker answered call ${reply.seq} for call ${call.seq}`);
      void worker.terminate();
      throw died;
    }
    if ('error' in reply) {
      const { message, fields, index } = reply.error;
      throw Object.assign(new Error(message), fields, { index });
    }
    return reply.answers;
  };
  const made: Bridge = {
    next: 1,
    call: (call) => {
      // A connection asked for ahead is answered first: its reply is the next on the port. Its
      // failure is not this call's; the driver that asks for that connection is told.
      try {
        made.ahead?.take();
      } catch {}
      post(call);
      return take(call);
    },
    early: (url) => {
      const id = made.next++;
      const call: WorkerCall = { op: 'connect', id, url };
      post(call);
      let outcome: { failed: unknown } | undefined;
      made.ahead = {
        url,
        id,
        // Taken once, whoever needs the port first; a failure is the driver's that wanted it.
        take: () => {
          if (!outcome) {
            outcome = { failed: undefined };
            try {
              take(call);
            } catch (error) {
              outcome.failed = error;
            }
          }
          if (outcome.failed) throw outcome.failed;
        },
      };
    },
  };
  slot[KEY] = made;
  return made;
}

/**
 * Sleep until `flag[0]` is raised (not 0), or until the time `until` (ms since the epoch) has
 * passed: false then. The flag, not the wake-up, says the answer is there: the worker raises the
 * flag and then wakes whoever waits, so the wake-up meant for the last answer can reach the wait
 * for this one.
 */
export function waitForFlag(flag: Int32Array, until = Number.POSITIVE_INFINITY): boolean {
  while (Atomics.load(flag, 0) === 0) {
    const left = until - Date.now();
    if (left <= 0) return false;
    Atomics.wait(flag, 0, 0, Number.isFinite(left) ? left : undefined);
  }
  return true;
}

/** Make a statement's call (or several's) and wait for its answers. */
export function pgCall(call: WorkerCall): Answer[] {
  return bridge().call(call);
}

/** Open a connection to `url` and return its number, taking the one opened ahead for it if there is one. */
export function pgConnect(url: string): number {
  const b = bridge();
  const ahead = b.ahead;
  if (ahead && ahead.url === url) {
    b.ahead = undefined;
    ahead.take();
    return ahead.id;
  }
  const id = b.next++;
  b.call({ op: 'connect', id, url });
  return id;
}

/**
 * Start the worker and the connection to a PostgreSQL book now, without waiting for either: a
 * command line program calls this as soon as it knows its book, and the worker starts and
 * connects while the program loads the rest of itself; the book's first driver takes the
 * connection. Nothing is thrown here: a failure is the first driver's to report.
 */
export function openPostgresEarly(url: string): void {
  try {
    const b = bridge();
    const stale = b.ahead;
    if (stale?.url === url) return;
    // One opened ahead for another book and never taken (a process that runs commands one after
    // another, as an embedder's may): closed, so it neither lingers nor stands in the way.
    if (stale) {
      b.ahead = undefined;
      try {
        stale.take();
        b.call({ op: 'end', id: stale.id });
      } catch {}
    }
    b.early(url);
  } catch {
    // The driver will try again, and say why.
  }
}
