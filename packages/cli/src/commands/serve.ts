import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TradeloopError } from '@tradeloop/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { bookPathOf } from '../book-access.js';
import { opt, parseOptions } from '../options.js';

/** A public address: http or https, a host, maybe a port, and nothing after it. */
const publicOrigin = z.string().transform((text, ctx) => {
  const url = URL.parse(text.trim());
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not an http or https address, such as https://erp.example.com`,
    });
    return z.NEVER;
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    ctx.addIssue({ code: 'custom', message: `"${text}" has a path; give the address only, such as ${url.origin}` });
    return z.NEVER;
  }
  return url.origin;
});

const serveOptions = z.object({
  port: opt.whole(0, 65535),
  host: opt.text(),
  allowHost: opt.list().optional(),
  origin: publicOrigin.optional(),
});

/**
 * `tradeloop serve`: the web UI over this book, on 127.0.0.1 unless told otherwise. While it runs
 * it holds the book in use, so `tradeloop restore` refuses to swap the file under it. On a book
 * whose users sign in, the UI asks them to sign in; it answers only to its own host names (the
 * address it listens on, localhost, and those given with --allow-host).
 */
export async function serve(raw: unknown, command: Command): Promise<void> {
  const options = parseOptions(command, serveOptions, raw);
  const path = bookPathOf(command);
  const port = options.port;
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
  // The app reads these when it loads: which book, its own origin, and the other host names it answers to.
  process.env.TRADELOOP_DB = path;
  // Behind a proxy the public address is the page's origin: cookies are Secure under https, and
  // Origin and Host are checked against it.
  process.env.ORIGIN = options.origin ?? url;
  const allowed = [...(process.env.TRADELOOP_ALLOWED_HOSTS ?? '').split(','), ...(options.allowHost ?? [])];
  process.env.TRADELOOP_ALLOWED_HOSTS = allowed.filter((h) => h.trim()).join(',');
  // Uploads of up to 20 MB are read by the app, which answers a larger one with its own 413; the
  // server's default of 512 KB would refuse most spreadsheets first.
  process.env.BODY_SIZE_LIMIT ??= '25M';
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
  process.stderr.write(
    `tradeloop UI for ${path}\nlistening on ${url}${options.origin ? `, served as ${options.origin}` : ''}\n`,
  );
  await stopped;
}
