/**
 * Independent replications: each seed gives one estimate; their spread gives the standard error.
 * A check passes when the theory lies within t * SE of the mean of the estimates, with t the
 * Student quantile for a two-sided 0.1 % test: a correct model fails such a check once in a thousand.
 */

/** Student t quantile 0.9995 by degrees of freedom (two-sided 0.1 %). */
const T_9995: Record<number, number> = {
  4: 8.61, 5: 6.869, 6: 5.959, 7: 5.408, 8: 5.041, 9: 4.781, 10: 4.587, 11: 4.437, 12: 4.318, 14: 4.14, 15: 4.073, 19: 3.883,
};

export interface ReplicationEstimate {
  readonly mean: number;
  readonly standardError: number;
  /** t * SE: how far from the mean the truth may lie at the 0.1 % level. */
  readonly halfWidth: number;
  readonly n: number;
}

export function replicationEstimate(values: readonly number[]): ReplicationEstimate {
  const n = values.length;
  const t = T_9995[n - 1];
  if (t === undefined) throw new Error(`no t quantile for ${n - 1} degrees of freedom`);
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const standardError = Math.sqrt(variance / n);
  return { mean, standardError, halfWidth: t * standardError, n };
}
