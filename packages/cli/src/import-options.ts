import { z } from 'zod';
import { opt } from './options.js';

/** The options every `import` of records takes, read once at the start of the command. */
export const importSchema = z.object({
  dryRun: opt.flag(),
  onError: opt.choice(['abort', 'skip']).default('abort'),
  rejectFile: opt.text().optional(),
  map: opt.text().optional(),
  format: opt.resultFormat(),
});
