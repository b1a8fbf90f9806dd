import { createRequire } from 'node:module';

/**
 * `require` from the store package's own place, for a dependency loaded when first needed rather
 * than at start-up: resolved from the store's dependencies also when this code runs bundled into
 * the command line program, whose own dependencies do not list them.
 */
export const storeRequire = createRequire(import.meta.resolve('@tradeloop/store'));
