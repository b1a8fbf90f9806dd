/**
 * @tradeloop/cli: the `tradeloop` command line, also callable in-process.
 *
 * @example
 * import { main } from '@tradeloop/cli';
 * process.exitCode = await main(['node', 'tradeloop', 'report', 'products', '--format', 'json']);
 */
export { EXIT, InputRejected, type Rejection, describeFailure, formatRejection } from './cli-error.js';
export { main } from './main.js';
export { createProgram } from './program.js';
export { resolveBookPath } from './settings.js';
