import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    sveltekit(),
    // The message catalog (messages/*.json) compiled to src/lib/paraglide. Which language a page
    // speaks: the user's choice kept in the book, then the choice kept in a cookie (someone not
    // signed in), then the browser's languages, then English (see $lib/server/locale.ts). The
    // build writes them there for the type check too; the `i18n` script compiles the same alone.
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      strategy: ['custom-user', 'custom-choice', 'preferredLanguage', 'baseLocale'],
      emitTsDeclarations: true,
    }),
  ],
  ssr: {
    // The book's packages load native addons (better-sqlite3, DuckDB): keep them as runtime imports
    // resolved from node_modules instead of bundling them into the server build.
    external: ['@tradeloop/core', '@tradeloop/store', '@tradeloop/analytics'],
  },
  // Sizes after gzip are only a report, and computing them for the chart library's chunks costs
  // seconds on every build.
  build: { reportCompressedSize: false },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
