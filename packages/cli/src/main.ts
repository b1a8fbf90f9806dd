import { CommanderError } from 'commander';
import { describeFailure, EXIT } from './cli-error.js';
import { createProgram } from './program.js';

/** Run the CLI and return its exit code; the one place failures are caught and printed. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
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
