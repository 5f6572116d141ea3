/**
 * Independent replications: each seed gives one estimate; their spread gives the standard error.
 * A check passes when the theory lies within t * SE of the mean of the estimates, with t the
 * Student quantile for a two-sided 0.1 % test: a correct model fails such a check once in a thousand.
 */
import { studentTQuantile } from '../../src/experiment/student-t.ts';

export interface ReplicationEstimate {
  readonly mean: number;
  readonly standardError: number;
  /** t * SE: how far from the mean the truth may lie at the 0.1 % level. */
  readonly halfWidth: number;
  readonly n: number;
}

export function replicationEstimate(values: readonly number[]): ReplicationEstimate {
  const n = values.length;
  const t = studentTQuantile(0.9995, n - 1);
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const standardError = Math.sqrt(variance / n);
  return { mean, standardError, halfWidth: t * standardError, n };
}
