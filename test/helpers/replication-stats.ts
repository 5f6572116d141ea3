/**
 * Independent replications: each seed gives one estimate; their spread gives the standard error.
 * A check passes when the theory lies within t * SE of the mean of the estimates, with t the
 * Student quantile for a two-sided 0.1 % test: a correct model fails such a check once in a thousand.
 */
import { estimateOf } from '../../src/experiment/estimate.ts';
import { studentTQuantile } from '../../src/experiment/student-t.ts';

/** Two-sided 0.1 %: the interval misses the truth once in a thousand checks. */
const CONFIDENCE = 0.999;

export interface ReplicationEstimate {
  readonly mean: number;
  readonly standardError: number;
  /** t * SE: how far from the mean the truth may lie at the 0.1 % level. */
  readonly halfWidth: number;
  readonly n: number;
}

export function replicationEstimate(values: readonly number[]): ReplicationEstimate {
  const e = estimateOf(values, CONFIDENCE);
  if (e.mean === null || e.half_width === null) throw new Error(`replicationEstimate: needs two values or more, got ${values.length}`);
  const halfWidth = e.half_width;
  return { mean: e.mean, standardError: halfWidth / studentTQuantile(1 - (1 - CONFIDENCE) / 2, e.n - 1), halfWidth, n: e.n };
}
