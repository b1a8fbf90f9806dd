#!/usr/bin/env node
// The installed `tradeloop` command. It exists before the build, so package managers link it at
// install time; the program itself is the built bundle in dist/bundle (see load-program.cjs).
// CommonJS (this folder's package.json), which Node starts sooner than an ES module.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'bundle');
if (!existsSync(join(bundle, 'front.cjs'))) {
  process.stderr.write(
    'error: tradeloop is not built yet [setup.build]\nhint: run `npm run quickstart` (or `pnpm build`) in the repository first\n',
  );
  process.exit(1);
}
const { main } = require('./load-program.cjs').loadProgram(bundle);

// A reader that stops early (`tradeloop export list invoices | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
main(process.argv).then((code) => {
  process.exitCode = code;
});
