import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogHistogram } from '../../src/engine/stats/histogram.ts';

/** Nearest-rank quantile of sorted values: the definition LogHistogram approximates. */
function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

describe('LogHistogram', () => {
  it('every quantile is within the relative error of the exact nearest-rank quantile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 500 }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (values, q) => {
          const h = new LogHistogram();
          values.forEach((v) => h.record(v));
          const exact = exactQuantile([...values].sort((a, b) => a - b), q);
          expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThanOrEqual(h.relativeError + 1e-12);
        },
      ),
    );
  });

  it('mean, max, min and count are exact', () => {
    const h = new LogHistogram();
    [0.5, 0.25, 4, 0].forEach((v) => h.record(v));
    expect(h.count).toBe(4);
    expect(h.mean).toBe(4.75 / 4);
    expect(h.max).toBe(4);
    expect(h.min).toBe(0);
    expect(h.quantile(0.25)).toBe(0); // the zero bucket
  });

  it('is empty-safe and resets', () => {
    const h = new LogHistogram();
    expect(h.quantile(0.5)).toBeNaN();
    h.record(1);
    h.reset();
    expect(h.count).toBe(0);
    expect(h.quantile(0.99)).toBeNaN();
  });

  it('merging equals recording everything in one', () => {
    const a = new LogHistogram();
    const b = new LogHistogram();
    const all = new LogHistogram();
    for (let i = 1; i <= 1000; i++) {
      const v = (i * 7919) % 1013;
      (i % 2 ? a : b).record(v / 10);
      all.record(v / 10);
    }
    a.merge(b);
    for (const q of [0.1, 0.5, 0.9, 0.99, 0.999]) expect(a.quantile(q)).toBe(all.quantile(q));
    expect(a.count).toBe(all.count);
  });

  it('memory does not grow with the number of values', () => {
    const h = new LogHistogram();
    const before = JSON.stringify(h).length;
    for (let i = 0; i < 1e5; i++) h.record(1 + (i % 997));
    expect(JSON.stringify(h).length).toBeLessThan(before * 2);
  });
});
