import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TradeloopError } from '@tradeloop/core';
import type { Command } from 'commander';
import { bookPathOf } from '../book-access.js';

/**
 * `tradeloop serve`: the web UI over this book, on 127.0.0.1 unless told otherwise. While it runs
 * it holds the book in use, so `tradeloop restore` refuses to swap the file under it.
 */
export async function serve(options: { port: string; host: string }, command: Command): Promise<void> {
  const path = bookPathOf(command);
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TradeloopError('usage.port', `--port must be a number from 0 to 65535, not ${options.port}`);
  }
  // Refuse a missing or too-new book here, with the CLI's message, rather than on the first page.
  const { Book, holdBook } = await import('@tradeloop/store');
  (await Book.open(path)).close();

  let handler: RequestListener | undefined;
  const server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end('starting');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new TradeloopError('serve.listen', `cannot listen on ${options.host}:${port}: ${error.code ?? error.message}`, {
          hint: 'choose another --port',
        }),
      ),
    );
    server.listen(port, options.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  let hold: ReturnType<typeof holdBook>;
  try {
    hold = holdBook(path, { by: 'tradeloop serve', url });
  } catch (error) {
    server.close();
    throw error;
  }
  // Released on Ctrl-C and on any other way out; a kill -9 leaves a lock the next taker sees is stale.
  process.once('exit', () => hold.release());
  // The app reads these when it loads: which book, and its own origin for SvelteKit's CSRF check.
  process.env.TRADELOOP_DB = path;
  process.env.ORIGIN = url;
  const ui = await import('@tradeloop/ui/handler');
  handler = ui.handler;
  process.stderr.write(`tradeloop UI for ${path}\nlistening on ${url}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      hold.release();
      server.close(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
