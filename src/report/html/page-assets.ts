import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** What every report inlines so that it opens offline. */
export interface PageAssets {
  /** fleetsim's stylesheet. */
  readonly css: string;
  /** The script that draws the uPlot charts from their specs. */
  readonly script: string;
  /** uPlot's minified script and stylesheet, from the installed package. */
  readonly uplotJs: string;
  readonly uplotCss: string;
}

let cached: PageAssets | undefined;

/** The assets, read once per process: a sweep or a test writes many pages. */
export function pageAssets(): PageAssets {
  if (!cached) {
    const own = (file: string) => readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
    const require = createRequire(import.meta.url);
    const uplot = (file: string) => readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
    cached = { css: own('report.css'), script: own('render-charts.js'), uplotJs: uplot('uPlot.iife.min.js'), uplotCss: uplot('uPlot.min.css') };
  }
  return cached;
}
