import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();
const PUBLIC = 'https://erp.example.test';

interface Answer {
  status: number;
  cookies: string[];
  location: string | undefined;
}

/** A request as the proxy passes it on: any Host header, which fetch does not let one set. */
function send(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          cookies: ([] as string[]).concat(res.headers['set-cookie'] ?? []),
          location: res.headers.location,
        }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const cookie = (answer: Answer, name: string) => answer.cookies.find((c) => c.startsWith(`${name}=`));

describe('tradeloop serve behind a reverse proxy', () => {
  it('answers to its public https address only, with Secure cookies, and checks Origin against it', async () => {
    const dir = tempDir();
    const db = join(dir, 'co.db');
    const pw = join(dir, 'pw');
    writeFileSync(pw, 'boss-password-1\n');
    const init = tradeloop(['init', '--db', db, '--owner', 'boss', '--owner-password-file', pw]);
    expect(init.code, init.stderr).toBe(0);
    const { url } = await serve(db, ['--origin', PUBLIC]);
    const host = { host: 'erp.example.test' };

    const page = await send(url, '/login', { headers: host });
    expect(page.status).toBe(200);
    const csrfCookie = cookie(page, 'tl_csrf') ?? '';
    expect(csrfCookie).toMatch(/; Secure/);
    const csrf = /tl_csrf=([^;]+)/.exec(csrfCookie)?.[1] ?? '';
    // The listening address itself is not a name the UI answers to once it has a public one.
    expect((await send(url, '/login')).status).toBe(421);

    const signIn = (origin: string) =>
      send(url, '/login', {
        method: 'POST',
        headers: {
          ...host,
          origin,
          cookie: `tl_csrf=${csrf}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
        },
        body: new URLSearchParams({ name: 'boss', password: 'boss-password-1', _csrf: csrf }).toString(),
      });
    // The same host over plain http is another origin.
    expect((await signIn('http://erp.example.test')).status).toBe(403);
    const signedIn = await signIn(PUBLIC);
    expect(signedIn.status).toBe(303);
    const session = cookie(signedIn, 'tl_session') ?? '';
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; SameSite=Lax/);
  });

  it('refuses a public address that is not one', () => {
    const db = join(tempDir(), 'co.db');
    expect(tradeloop(['init', '--db', db]).code).toBe(0);
    for (const origin of ['erp.example.test', 'ftp://erp.example.test', 'https://erp.example.test/tradeloop']) {
      const r = tradeloop(['serve', '--db', db, '--port', '0', '--origin', origin]);
      expect(r.code, origin).toBe(2);
      expect(r.stderr).toContain('--origin');
    }
  });
});
