import { METRIC_INFO, type CompareMetric, type Estimate } from './compare-result.ts';
import { shareInterval } from './share-interval.ts';
import { studentTQuantile } from './student-t.ts';

/** Confidence level of every interval fleetsim reports. */
export const CONFIDENCE = 0.95;

/** What values a figure can take, which shapes its interval (docs/fidelity.md, Statistics). */
export interface FigureScale {
  /** The interval is clipped to [min, max]: no mean of a non-negative figure is below 0. */
  readonly min: number;
  readonly max: number;
  /**
   * Each value is known only to within this fraction of itself (a quantile read from a histogram
   * bin): the interval is widened by it, so that seeds in one bin do not read ± 0.
   */
  readonly resolution: number;
  /** Each value is 0 or 1 (whether a seed met its SLO): the share's Clopper-Pearson interval. */
  readonly binary: boolean;
}

/** A figure that can take any value: the plain Student t interval. */
export const UNBOUNDED: FigureScale = { min: -Infinity, max: Infinity, resolution: 0, binary: false };

/**
 * Mean of the values that exist and its confidence interval (95 % unless told): each seed is an
 * independent replication, so the spread between seeds measures the estimate's error. The
 * interval is mean +- t(1 - (1 - confidence) / 2, n - 1) s / sqrt(n), plus the values'
 * resolution, clipped to the figure's scale; for 0/1 values, the Clopper-Pearson interval.
 * `half_width` is half the interval's width, which is below the t term when it was clipped.
 */
export function estimateOf(values: readonly (number | null)[], confidence = CONFIDENCE, scale: FigureScale = UNBOUNDED): Estimate {
  const xs = values.filter((v): v is number => v !== null);
  const n = xs.length;
  if (n === 0) return { n, mean: null, half_width: null, low: null, high: null };
  // Deviations from the first value: equal values give a variance of exactly 0 (and stay stable).
  const x0 = xs[0];
  let sum = 0;
  let sumSquares = 0;
  let sumAbs = 0;
  for (const x of xs) {
    sum += x - x0;
    sumSquares += (x - x0) ** 2;
    sumAbs += Math.abs(x);
  }
  const mean = x0 + sum / n;
  if (n < 2) return { n, mean, half_width: null, low: null, high: null };
  if (scale.binary) {
    const { low, high } = shareInterval(Math.round(mean * n), n, confidence);
    return { n, mean, half_width: (high - low) / 2, low, high };
  }
  const variance = Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
  const spread = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * Math.sqrt(variance / n);
  const reach = spread + binWidening(scale.resolution, sumAbs / n);
  const low = Math.max(scale.min, mean - reach);
  const high = Math.min(scale.max, mean + reach);
  return { n, mean, half_width: low === mean - reach && high === mean + reach ? reach : (high - low) / 2, low, high };
}

/**
 * A value v reported as the representative of a bin of relative accuracy r may stand for a true
 * value up to v r / (1 - r) above it (and v r / (1 + r) below: histogram.ts); so may their mean.
 */
function binWidening(resolution: number, meanAbs: number): number {
  return resolution === 0 ? 0 : (meanAbs * resolution) / (1 - resolution);
}

/** A compare or sweep figure's estimate, on the figure's own scale (METRIC_INFO). */
export function metricEstimate(metric: CompareMetric, values: readonly (number | null)[]): Estimate {
  return estimateOf(values, CONFIDENCE, METRIC_INFO[metric].scale);
}

/**
 * 1 when the whole interval lies above zero, -1 when below, 0 when it holds zero or there is
 * none: a difference whose interval excludes zero is one the seeds can tell from no difference.
 */
export function intervalSign(e: Estimate): -1 | 0 | 1 {
  if (e.low === null || e.high === null) return 0;
  return e.low > 0 ? 1 : e.high < 0 ? -1 : 0;
}

/**
 * Estimate of `b - a`, seed by seed, over the seeds where both have a value: the symmetric
 * Student t interval (a difference may have either sign), widened by both values' resolution.
 * The figures carry at most about ten significant digits, so each difference is rounded to
 * twelve: equal differences then stay exactly equal instead of scattering in the last bits of
 * the subtraction.
 */
export function pairedDifference(a: readonly (number | null)[], b: readonly (number | null)[], resolution = 0): Estimate {
  const both = a.map((x, i) => (x === null || b[i] === null ? null : ([x, b[i]] as const)));
  const d = estimateOf(both.map((p) => (p === null ? null : Number((p[1] - p[0]).toPrecision(12)))));
  if (d.mean === null || d.half_width === null || resolution === 0) return d;
  const pairs = both.filter((p) => p !== null);
  const sizes = pairs.reduce((s, [x, y]) => s + Math.abs(x) + Math.abs(y), 0) / pairs.length;
  const reach = d.half_width + binWidening(resolution, sizes);
  return { ...d, half_width: reach, low: d.mean - reach, high: d.mean + reach };
}

/** A compare figure's paired difference (variant `b` minus baseline `a`), with its resolution. */
export function metricDifference(metric: CompareMetric, a: readonly (number | null)[], b: readonly (number | null)[]): Estimate {
  return pairedDifference(a, b, METRIC_INFO[metric].scale.resolution);
}
