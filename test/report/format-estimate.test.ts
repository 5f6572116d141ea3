import { describe, expect, it } from 'vitest';
import type { Estimate } from '../../src/experiment/compare-result.ts';
import { formatEstimate, formatFixed, formatNumber } from '../../src/report/format-estimate.ts';

const est = (mean: number | null, half_width: number | null): Estimate => ({
  n: 5,
  mean,
  half_width,
  low: mean === null || half_width === null ? null : mean - half_width,
  high: mean === null || half_width === null ? null : mean + half_width,
});

describe('formatEstimate', () => {
  it('writes the half-width to two significant digits and the mean to the same decimal place', () => {
    expect(formatEstimate(est(0.10457, 0.000163))).toBe('0.10457 ± 0.00016');
    expect(formatEstimate(est(2.37, 0.1))).toBe('2.37 ± 0.10');
    expect(formatEstimate(est(1267.3, 35.56))).toBe('1267 ± 36');
    expect(formatEstimate(est(12673, 356))).toBe('12670 ± 360');
    // 0.0996 rounds to 0.10: two digits, not three.
    expect(formatEstimate(est(1.2345, 0.0996))).toBe('1.23 ± 0.10');
  });

  it('puts $ before each number and ms or % once after; % scales a share', () => {
    expect(formatEstimate(est(0.10457, 0.000163), { unit: '$' })).toBe('$0.10457 ± $0.00016');
    expect(formatEstimate(est(2.37, 0.1), { unit: '$' })).toBe('$2.37 ± $0.10');
    expect(formatEstimate(est(1267.3, 35.56), { unit: 'ms', typeset: true })).toBe('1,267 ± 36 ms');
    expect(formatEstimate(est(0.01234, 0.0021), { unit: '%' })).toBe('1.23 ± 0.21 %');
    expect(formatEstimate(est(-1.5, 0.25), { unit: '$', typeset: true })).toBe('−$1.50 ± $0.25');
  });

  it('gives the same digits in the terminal and in HTML', () => {
    const e = est(1234567.8, 1234);
    expect(formatEstimate(e)).toBe('1234600 ± 1200');
    expect(formatEstimate(e, { typeset: true })).toBe('1,234,600 ± 1,200');
  });

  it('writes a half-width of 0 as 0, the mean alone without an interval, and - without a mean', () => {
    expect(formatEstimate(est(10, 0))).toBe('10 ± 0');
    expect(formatEstimate(est(0.123456, null))).toBe('0.1235');
    expect(formatEstimate(est(0.5, null), { unit: '%' })).toBe('50 %');
    expect(formatEstimate(est(null, null))).toBe('-');
    expect(formatEstimate(est(null, null), { typeset: true })).toBe('–');
  });

  it('writes an interval clipped to the figure\'s range as its bounds, never a negative figure', () => {
    // Error rate over three seeds, 0, 0 and 2 %: t gives 0.67 ± 2.9 %, clipped at 0.
    const clipped: Estimate = { n: 3, mean: 0.0066667, half_width: 0.017671, low: 0, high: 0.035342 };
    expect(formatEstimate(clipped, { unit: '%' })).toBe('0.7 (0 to 3.5) %');
    expect(formatEstimate({ n: 3, mean: 0.2, half_width: 0.3, low: 0, high: 0.8 }, { unit: '$' })).toBe('$0.20 ($0 to $0.80)');
    // The share of 3 seeds of 3 that met the SLO (Clopper-Pearson).
    expect(formatEstimate({ n: 3, mean: 1, half_width: 0.35381, low: 0.29240, high: 1 }, { unit: '%' })).toBe('100 (29 to 100) %');
  });

  it('adds a decimal when the mean and the half-width would read alike, so the side of 0 shows', () => {
    // 0.01262 - 0.01258 > 0: a difference starred as excluding 0.
    expect(formatEstimate(est(0.01262, 0.01258))).toBe('0.01262 ± 0.01258');
    expect(formatEstimate(est(-0.0131, 0.0128), { unit: '%' })).toBe('-1.31 ± 1.28 %');
    // Exactly alike: the interval ends at 0, as it reads.
    expect(formatEstimate(est(0.0125, 0.0125))).toBe('0.013 ± 0.013');
  });

  it('signs differences and never writes -0', () => {
    expect(formatFixed(0.004, 2, { signed: true })).toBe('0.00');
    expect(formatFixed(-0.004, 2)).toBe('0.00');
    expect(formatFixed(0.25, 2, { unit: '$', signed: true })).toBe('+$0.25');
    expect(formatNumber(-12.5, { unit: 'ms', typeset: true, signed: true })).toBe('−12.5 ms');
  });
});
