#!/usr/bin/env node
// The installed `tradeloop` command. It exists before the build, so package managers link it at
// install time; the program itself is the built bundle in dist/bundle (see load-program.cjs).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/bundle/', import.meta.url));
if (!existsSync(`${bundle}front.cjs`)) {
  process.stderr.write(
    'error: tradeloop is not built yet [setup.build]\nhint: run `npm run quickstart` (or `pnpm build`) in the repository first\n',
  );
  process.exit(1);
}
const { main } = createRequire(import.meta.url)('./load-program.cjs').loadProgram(bundle);

// A reader that stops early (`tradeloop export list invoices | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = await main(process.argv);
