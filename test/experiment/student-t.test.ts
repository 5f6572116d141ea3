import { describe, expect, it } from 'vitest';
import { estimateOf, pairedDifference } from '../../src/experiment/estimate.ts';
import { studentTQuantile } from '../../src/experiment/student-t.ts';

describe('Student t quantiles', () => {
  // Published table: Abramowitz & Stegun, Handbook of Mathematical Functions, table 26.10 (t at
  // P(T <= t) = 0.975 and 0.9995), to the three decimals printed there.
  it.each([
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 4, 2.776],
    [0.975, 9, 2.262],
    [0.975, 29, 2.045],
    [0.975, 120, 1.98],
    [0.9995, 4, 8.61],
    [0.9995, 9, 4.781],
    [0.9995, 19, 3.883],
  ])('t(%f, %i dof) = %f', (p, dof, table) => {
    expect(studentTQuantile(p, dof)).toBeCloseTo(table, 3);
    expect(studentTQuantile(1 - p, dof)).toBeCloseTo(-table, 3);
  });

  it('tends to the normal quantile 1.95996 for many degrees of freedom', () => {
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.95996, 4);
  });
});

describe('confidence intervals', () => {
  it('mean +- t(0.975, n - 1) s / sqrt(n), skipping missing values', () => {
    // 1..5: mean 3, s = sqrt(2.5); t(0.975, 4) = 2.776445.
    const e = estimateOf([1, null, 2, 3, 4, 5]);
    expect(e.n).toBe(5);
    expect(e.mean).toBe(3);
    expect(e.half_width!).toBeCloseTo(2.776445 * Math.sqrt(2.5 / 5), 5);
    expect(e.low! + e.high!).toBeCloseTo(6, 12);
  });

  it('no interval from one value, no mean from none', () => {
    expect(estimateOf([7])).toEqual({ n: 1, mean: 7, half_width: null, low: null, high: null });
    expect(estimateOf([null, null]).mean).toBeNull();
  });

  it('a constant paired difference has an interval of exactly zero width', () => {
    const a = [0.0514258, 0.0514171, 0.0514345];
    const d = pairedDifference(a, a.map((x) => x + 0.0272));
    expect(d.half_width).toBe(0);
    expect(d.mean).toBeCloseTo(0.0272, 12);
  });

  it('pairs seed by seed: a shared seed effect cancels', () => {
    const a = [10, 20, 30, 40];
    const b = [11, 21, 31, 41];
    expect(estimateOf(b).half_width!).toBeGreaterThan(10);
    expect(pairedDifference(a, b)).toMatchObject({ n: 4, mean: 1, half_width: 0 });
  });
});
