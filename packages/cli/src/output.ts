import { writeFileSync } from 'node:fs';

export type { Format } from './formats.js';

/** Write data to `-o FILE` or stdout; stdout only ever carries data. */
export function emit(text: string, outFile: string | undefined): void {
  if (outFile) writeFileSync(outFile, text);
  else process.stdout.write(text);
}

/** Draw a report as the chart `--chart` names (.svg or .png), and say so on stderr. */
export async function writeChart(spec: Record<string, unknown>, file: string): Promise<void> {
  const { renderChart } = await import('@tradeloop/analytics');
  await renderChart(spec, file);
  process.stderr.write(`wrote chart ${file}\n`);
}
