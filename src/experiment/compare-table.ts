import { METRIC_INFO, type CompareResult, type Estimate } from './compare-result.ts';

/**
 * The comparison as text: a row per figure and a column per variant (mean ± half-width of its
 * 95 % interval), then the paired differences to the baseline, starred when their interval excludes 0.
 */
export function compareTable(result: CompareResult): string {
  const [baseline, ...others] = result.variants;
  const seeds = result.seeds.length === 1 ? `seed ${result.seeds[0]}` : `${result.seeds.length} seeds (${result.seeds[0]}..${result.seeds[result.seeds.length - 1]})`;
  const blocks = [
    `${seeds}; mean ± half-width of the 95 % confidence interval`,
    table(
      result.variants.map((v) => v.name),
      result.metrics.map((m) => [METRIC_INFO[m].label, ...result.variants.map((v) => formatEstimate(v.estimates[m]))]),
    ),
  ];
  if (others.length > 0) {
    blocks.push(
      '',
      `paired difference to ${baseline.name} (variant - ${baseline.name}, seed by seed); * its interval excludes 0`,
      table(
        others.map((v) => v.name),
        result.metrics.map((m) => [METRIC_INFO[m].label, ...others.map((v) => formatDifference(v.difference_to_baseline![m]))]),
      ),
    );
  }
  return blocks.join('\n');
}

function table(columns: readonly string[], rows: readonly string[][]): string {
  const header = ['', ...columns];
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((r) => r[c].length)));
  const line = (r: readonly string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  return [header, ...rows].map(line).join('\n');
}

/**
 * The half-width to two significant digits and the mean to the same decimal place, as measurements
 * are written: digits beyond the interval's own precision are noise.
 */
function formatEstimate(e: Estimate): string {
  if (e.mean === null) return '-';
  if (e.half_width === null) return formatNumber(e.mean);
  if (e.half_width === 0) return `${formatNumber(e.mean)} ± 0`;
  const decimals = Math.min(12, Math.max(0, 1 - Math.floor(Math.log10(e.half_width))));
  return `${e.mean.toFixed(decimals)} ± ${e.half_width.toFixed(decimals)}`;
}

function formatDifference(e: Estimate): string {
  const text = formatEstimate(e);
  const significant = e.low !== null && e.high !== null && (e.low > 0 || e.high < 0);
  return significant ? `${text} *` : text;
}

/** Four significant digits, without exponent for everyday magnitudes. */
export function formatNumber(x: number): string {
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e6 || abs < 1e-4) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}
