import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  ssr: {
    // The book's packages load native addons (better-sqlite3, DuckDB): keep them as runtime imports
    // resolved from node_modules instead of bundling them into the server build.
    external: ['@tradeloop/core', '@tradeloop/store', '@tradeloop/analytics'],
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
