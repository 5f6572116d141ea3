import { formatEstimate } from '../report/format-estimate.ts';
import { alignColumns } from '../text/align-columns.ts';
import { METRIC_INFO, type CompareResult, type Estimate } from './compare-result.ts';
import { intervalSign } from './estimate.ts';

/**
 * The comparison as text: a row per figure and a column per variant (mean ± half-width of its
 * 95 % interval, or its bounds where it was clipped), then the paired differences to the baseline, starred when their interval excludes 0.
 */
export function compareTable(result: CompareResult): string {
  const [baseline, ...others] = result.variants;
  const seeds = result.seeds.length === 1 ? `seed ${result.seeds[0]}` : `${result.seeds.length} seeds (${result.seeds[0]}..${result.seeds[result.seeds.length - 1]})`;
  const blocks = [
    `${seeds}; mean ± half-width of the ${result.confidence * 100} % confidence interval, or mean (low to high) where it stops at the figure's limit`,
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
  return alignColumns([['', ...columns], ...rows], 1).join('\n');
}

function formatDifference(e: Estimate): string {
  const text = formatEstimate(e);
  return intervalSign(e) === 0 ? text : `${text} *`;
}
