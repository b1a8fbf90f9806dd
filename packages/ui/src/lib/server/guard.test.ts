import { describe, expect, it } from 'vitest';
import { hostAllowed, nextPath, sameOrigin } from './guard.js';

describe('the hosts the server answers to', () => {
  const served = { origin: 'http://127.0.0.1:5173', allowedHosts: ['erp.lan', 'shop.example:8443'] };

  it('are its own, the loopback names on its port, and those it was told of', () => {
    for (const host of [
      '127.0.0.1:5173',
      'LOCALHOST:5173',
      '[::1]:5173',
      'erp.lan',
      'erp.lan:5173',
      'shop.example:8443',
    ])
      expect(hostAllowed(host, served), host).toBe(true);
  });

  it('are no other name, port or anything that is not a bare host', () => {
    for (const host of [
      'evil.example',
      'evil.example:5173',
      '127.0.0.1:5174',
      'shop.example',
      'erp.lan:22',
      'user@127.0.0.1:5173',
      '127.0.0.1:5173/x',
      '',
      null,
    ])
      expect(hostAllowed(host, served), String(host)).toBe(false);
  });

  it('are the loopback names on any port when no origin is set (the development server)', () => {
    expect(hostAllowed('localhost:5199', {})).toBe(true);
    expect(hostAllowed('evil.example:5199', {})).toBe(false);
  });
});

describe("a request's origin", () => {
  it('is its own when scheme, host and port are those the page was asked for', () => {
    expect(sameOrigin('http://127.0.0.1:5173', '127.0.0.1:5173', 'http:')).toBe(true);
    expect(sameOrigin('https://erp.lan', 'erp.lan', 'https:')).toBe(true);
    expect(sameOrigin('http://erp.lan', 'erp.lan', 'https:')).toBe(false);
    expect(sameOrigin('http://evil.example', '127.0.0.1:5173', 'http:')).toBe(false);
    expect(sameOrigin('null', '127.0.0.1:5173', 'http:')).toBe(false);
    expect(sameOrigin(null, '127.0.0.1:5173', 'http:')).toBe(false);
  });
});

describe('where a sign-in leads', () => {
  it('is a path of this site, never another site', () => {
    expect(nextPath('/dashboard?asOf=2026-11-20')).toBe('/dashboard?asOf=2026-11-20');
    for (const raw of ['//evil.example/', '/\\evil.example', 'https://evil.example', '', null])
      expect(nextPath(raw)).toBe('/');
  });
});
