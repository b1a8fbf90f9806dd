import { openPostgresEarly } from '@tradeloop/store/pg-bridge';
import { CommanderError } from 'commander';
import { describeFailure, EXIT } from './cli-error.js';
import { createProgram } from './program.js';

/** Whether the arguments ask for the help of an import (`import customers --help`, `help import customers`). */
const asksImportHelp = (argv: readonly string[]): boolean => {
  const args = argv.slice(2);
  return args.includes('import') && (args.includes('--help') || args.includes('-h') || args[0] === 'help');
};

/**
 * The PostgreSQL book the arguments or the environment name, if any: its connection is opened
 * while the program loads the rest of itself (the worker thread that holds it starts on the
 * other core), rather than after.
 */
export function postgresBookOf(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  let db = env.TRADELOOP_DB;
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg === '--db') db = argv[i + 1];
    else if (arg.startsWith('--db=')) db = arg.slice(5);
  }
  return db && /^postgres(ql)?:\/\//i.test(db) ? db : undefined;
}

/** Run the CLI and return its exit code; the one place failures are caught and printed. */
export async function main(argv: readonly string[]): Promise<number> {
  const early = postgresBookOf(argv, process.env);
  if (early) openPostgresEarly(early);
  const program = createProgram();
  try {
    // An import's help lists its columns from the importer's specs, which only then are loaded.
    if (asksImportHelp(argv)) (await import('./import-help.js')).addImportHelp(program);
    await program.parseAsync(argv as string[]);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit through here too, successfully.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const { exit, lines } = describeFailure(error);
    if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
    return exit;
  }
}
