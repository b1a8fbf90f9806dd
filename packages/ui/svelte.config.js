import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    // `tradeloop serve` mounts build/handler.js on its own http server.
    adapter: adapter({ out: 'build' }),
  },
};

export default config;
