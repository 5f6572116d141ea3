import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface ChartLibrary {
  readonly js: string;
  readonly css: string;
}

let cached: ChartLibrary | undefined;

/**
 * uPlot's minified script and stylesheet, read from the installed package so that every report
 * inlines them and opens offline; read once per process.
 */
export function chartLibrary(): ChartLibrary {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
    cached = { js: read('uPlot.iife.min.js'), css: read('uPlot.min.css') };
  }
  return cached;
}
