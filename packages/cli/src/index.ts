/**
 * @tradeloop/cli: the `tradeloop` command line, also callable in-process.
 *
 * @example
 * import { main } from '@tradeloop/cli';
 * process.exitCode = await main(['node', 'tradeloop', 'report', 'products', '--format', 'json']);
 */
export { describeFailure, EXIT, formatRejection, InputRejected, type Rejection } from './cli-error.js';
export { main } from './main.js';
export { createProgram } from './program.js';
export { resolveBookPath } from './settings.js';
