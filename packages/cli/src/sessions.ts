import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/** What `tradeloop login` keeps for a book: the token, whose it is, and until when. */
const sessionSchema = z.object({ user: z.string(), token: z.string(), expiresAt: z.string() });
const fileSchema = z.record(z.string(), sessionSchema);
export type Session = z.infer<typeof sessionSchema>;

/**
 * The file sign-ins are kept in, readable by its owner alone: `$XDG_CONFIG_HOME/tradeloop` or
 * `~/.config/tradeloop`, as command-line tools on Linux keep theirs (`TRADELOOP_SESSIONS` moves it).
 */
export function sessionsFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TRADELOOP_SESSIONS) return env.TRADELOOP_SESSIONS;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'tradeloop', 'sessions.json');
}

function readAll(file: string): Record<string, Session> {
  if (!existsSync(file)) return {};
  // Read once a run: zod compiling a parser for it would cost more than the parse.
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8') || '{}'), { jitless: true });
  // A file this program cannot read is started afresh: it holds nothing but sign-ins.
  return parsed.success ? parsed.data : {};
}

/** The sign-in kept for this book, unless it has expired. */
export function savedSession(book: string, now = new Date()): Session | undefined {
  const s = readAll(sessionsFile())[book];
  return s && s.expiresAt > now.toISOString() ? s : undefined;
}

/** Keep (or, with `undefined`, forget) the sign-in for this book. */
export function saveSession(book: string, session: Session | undefined): void {
  const file = sessionsFile();
  const all = readAll(file);
  if (session) all[book] = session;
  else delete all[book];
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}
