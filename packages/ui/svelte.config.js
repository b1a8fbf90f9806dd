import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    // `tradeloop serve` mounts build/handler.js on its own http server.
    adapter: adapter({ out: 'build' }),
    // The server's guard (src/hooks.server.ts) checks Origin and a CSRF token on every request that
    // changes something, whatever its content type, and compares Origin with the Host asked for
    // (localhost and 127.0.0.1 both serve). SvelteKit's own check covers form posts only and compares
    // with the single ORIGIN, so it would refuse a sign-in at http://localhost:PORT: it stays off.
    csrf: { trustedOrigins: ['*'] },
  },
};

export default config;
