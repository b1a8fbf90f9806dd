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
  // The command is done: exit once what it wrote is out, rather than wait for the background work
  // V8 may still have going (a collection, an optimising compile), which Node lets finish before a
  // process ends by itself. A long-running command (`serve`) returns only when it stops.
  let writing = 2;
  const written = () => {
    writing -= 1;
    if (writing === 0) process.exit(code);
  };
  process.stdout.write('', written);
  process.stderr.write('', written);
});
