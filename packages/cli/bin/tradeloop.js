#!/usr/bin/env node
// The installed `tradeloop` command. It exists before the build, so package managers link it at
// install time; the program itself is the built and bundled dist/bundle/bin.js.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bundle/bin.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write(
    'error: tradeloop is not built yet [setup.build]\nhint: run `npm run quickstart` (or `pnpm build`) in the repository first\n',
  );
  process.exit(1);
}
await import(built.href);
