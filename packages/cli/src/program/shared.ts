import { type Command, Option } from 'commander';
import { FORMATS } from '../formats.js';

/** `-f, --format` of a report: table, csv or json. */
export const formatOption = (fallback: string) =>
  new Option('-f, --format <format>', 'output format').choices(FORMATS as string[]).default(fallback);

/** `-f, --format` of a command's result: a line of text for people, JSON for scripts. */
export const resultFormat = () =>
  new Option('-f, --format <format>', 'result format').choices(['text', 'json']).default('text');

export const example = (text: string) => `\nExample:\n  $ ${text}`;

/**
 * A verb's command, made on first use: `approve order` and `approve po` are registered by the
 * sales and purchasing groups, and the verb lists in `--help` where it was first made.
 */
export function verb(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}
