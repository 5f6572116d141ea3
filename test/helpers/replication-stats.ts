/**
 * Independent replications: each seed gives one estimate; their spread gives the standard error.
 * A check passes when the theory lies within t * SE of the mean of the estimates, with t the
 * Student quantile for a two-sided 0.1 % test: a correct model fails such a check once in a thousand.
 */
import { expect } from 'vitest';
import { estimateOf } from '../../src/experiment/estimate.ts';

/** Two-sided 0.1 %: the interval misses the truth once in a thousand checks. */
const CONFIDENCE = 0.999;

/**
 * Expects the replications' `values` of one figure to agree with its theoretical value `theory`:
 * their interval must be narrower than `sharp` times the value, so that the check could fail, and
 * must hold the value, give or take `slack` (an error the measurement states, such as a histogram's).
 */
export function expectAgreement(values: readonly number[], theory: number, sharp: number, slack = 0): void {
  const e = estimateOf(values, CONFIDENCE);
  if (e.mean === null || e.half_width === null) throw new Error(`expectAgreement: needs two values or more, got ${values.length}`);
  expect(e.half_width / theory).toBeLessThan(sharp);
  expect(Math.abs(e.mean - theory)).toBeLessThanOrEqual(e.half_width + slack);
}
