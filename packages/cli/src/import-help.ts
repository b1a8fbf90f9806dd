import type { Command } from 'commander';
import { columnsHelp, IMPORT_COLUMNS } from './import-columns.js';

/**
 * Put each import's columns at the end of its `--help`, from the importer's own specs. Loaded
 * only when an import's help is asked for, so other commands start without the book's code.
 */
export function addImportHelp(program: Command): void {
  const imports = program.commands.find((c) => c.name() === 'import');
  for (const command of imports?.commands ?? []) {
    const specs = IMPORT_COLUMNS[command.name()];
    if (specs) command.addHelpText('after', columnsHelp(specs({})));
  }
}
