import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { TradeloopError } from '@tradeloop/core';

/**
 * Render a vega-lite spec to SVG (vega, no browser) or PNG (SVG rasterised by resvg, with the
 * machine's fonts so Chinese labels draw). Loaded only when a chart is asked for.
 *
 * @example
 * await renderChart(agingChartSpec(report), 'aging.png')
 */
export async function renderChart(spec: Record<string, unknown>, file: string): Promise<void> {
  const kind = extname(file).toLowerCase();
  if (kind !== '.svg' && kind !== '.png') {
    throw new TradeloopError('usage.chart', `--chart ${file}: charts are .svg or .png files`);
  }
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  // A chart file has a fixed width; "container" only makes sense in a page.
  const fixed = { ...spec, width: spec.width === 'container' ? 640 : spec.width };
  const compiled = vegaLite.compile(fixed as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  if (kind === '.svg') {
    writeFileSync(file, svg);
    return;
  }
  const { Resvg } = await import('@resvg/resvg-js');
  const png = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true },
  })
    .render()
    .asPng();
  writeFileSync(file, png);
}
