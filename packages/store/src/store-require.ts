import { createRequire } from 'node:module';

/**
 * `require` for a dependency loaded when first needed rather than at start-up (a dictionary, a
 * database driver). Where this code runs bundled into the command line program, that program
 * lists the same dependencies, so they resolve from there too.
 */
export const storeRequire = createRequire(import.meta.url);
