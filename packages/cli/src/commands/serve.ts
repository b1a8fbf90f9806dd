import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TradeloopError } from '@tradeloop/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { bookPathOf } from '../book-access.js';
import { opt, parseOptions } from '../options.js';

const serveOptions = z.object({ port: opt.whole(0, 65535), host: opt.text() });

/**
 * `tradeloop serve`: the web UI over this book, on 127.0.0.1 unless told otherwise. While it runs
 * it holds the book in use, so `tradeloop restore` refuses to swap the file under it.
 */
export async function serve(raw: unknown, command: Command): Promise<void> {
  const options = parseOptions(command, serveOptions, raw);
  const path = bookPathOf(command);
  const port = options.port;
  // Refuse a missing or too-new book here, with the CLI's message, rather than on the first page.
  const { Book, holdBook, loginRequired } = await import('@tradeloop/store');
  const book = await Book.open(path);
  const guarded = loginRequired(book);
  book.close();
  // The web UI does not sign people in yet: serving a book whose users sign in would hand it to
  // anyone who reaches the port.
  if (guarded)
    throw new TradeloopError('auth.ui_unavailable', `${path} has users, and the web UI cannot sign them in yet`, {
      hint: 'use the command line (`tradeloop login NAME`) for this book',
    });

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
  // Ctrl-C is handled before the address is announced: whoever reads it may stop the server at once.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      hold.release();
      server.close(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stderr.write(`tradeloop UI for ${path}\nlistening on ${url}\n`);
  await stopped;
}
