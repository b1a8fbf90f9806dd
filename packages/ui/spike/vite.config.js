// A throwaway build of the grid spike's static pages (see measure.mjs); not part of the app.
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [svelte()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    rollupOptions: {
      input: { baseline: here('baseline.html'), own: here('own.html'), revogrid: here('revogrid.html') },
    },
  },
});
