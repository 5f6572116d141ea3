import type { Estimate } from './compare-result.ts';
import { studentTQuantile } from './student-t.ts';

/** Confidence level of every interval fleetsim reports. */
export const CONFIDENCE = 0.95;

/**
 * Mean of the values that exist and its confidence interval (95 % unless told),
 * mean +- t(1 - (1 - confidence) / 2, n - 1) s / sqrt(n): each seed is an independent
 * replication, so the spread between seeds measures the estimate's error.
 */
export function estimateOf(values: readonly (number | null)[], confidence = CONFIDENCE): Estimate {
  const xs = values.filter((v): v is number => v !== null);
  const n = xs.length;
  if (n === 0) return { n, mean: null, half_width: null, low: null, high: null };
  // Deviations from the first value: equal values give a variance of exactly 0 (and stay stable).
  const x0 = xs[0];
  let sum = 0;
  let sumSquares = 0;
  for (const x of xs) {
    sum += x - x0;
    sumSquares += (x - x0) ** 2;
  }
  const mean = x0 + sum / n;
  if (n < 2) return { n, mean, half_width: null, low: null, high: null };
  const variance = Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
  const halfWidth = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * Math.sqrt(variance / n);
  return { n, mean, half_width: halfWidth, low: mean - halfWidth, high: mean + halfWidth };
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
 * Estimate of `b - a`, seed by seed, over the seeds where both have a value. The figures carry at
 * most about ten significant digits, so each difference is rounded to twelve: equal differences
 * then stay exactly equal instead of scattering in the last bits of the subtraction.
 */
export function pairedDifference(a: readonly (number | null)[], b: readonly (number | null)[]): Estimate {
  return estimateOf(a.map((x, i) => (x === null || b[i] === null ? null : Number((b[i] - x).toPrecision(12)))));
}
