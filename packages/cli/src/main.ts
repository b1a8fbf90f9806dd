import { CommanderError } from 'commander';
import { describeFailure, EXIT } from './cli-error.js';
import { createProgram } from './program.js';

/** Whether the arguments ask for the help of an import (`import customers --help`, `help import customers`). */
const asksImportHelp = (argv: readonly string[]): boolean => {
  const args = argv.slice(2);
  return args.includes('import') && (args.includes('--help') || args.includes('-h') || args[0] === 'help');
};

/** Run the CLI and return its exit code; the one place failures are caught and printed. */
export async function main(argv: readonly string[]): Promise<number> {
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
