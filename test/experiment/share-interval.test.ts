import { expect, it } from 'vitest';
import { shareInterval } from '../../src/experiment/share-interval.ts';

/**
 * Clopper-Pearson 95 % intervals. With no failures (or no successes) they have closed forms:
 * k = n gives [(0.025)^(1/n), 1] and k = 0 gives [0, 1 - (0.025)^(1/n)]. 5 of 10 gives
 * [0.1871, 0.8129] (e.g. Agresti and Coull, The American Statistician 52, 1998, or any table of
 * exact binomial intervals).
 */
it('gives the exact binomial interval of a share', () => {
  for (const n of [1, 3, 10, 50]) {
    const all = shareInterval(n, n, 0.95);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.025 ** (1 / n), 10);
    const none = shareInterval(0, n, 0.95);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(1 - 0.025 ** (1 / n), 10);
  }
  const half = shareInterval(5, 10, 0.95);
  expect(half.low).toBeCloseTo(0.1871, 4);
  expect(half.high).toBeCloseTo(0.8129, 4);
  // Symmetric in successes and failures.
  const [a, b] = [shareInterval(2, 9, 0.95), shareInterval(7, 9, 0.95)];
  expect(a.low).toBeCloseTo(1 - b.high, 10);
  expect(a.high).toBeCloseTo(1 - b.low, 10);
  // A single failure rules out a share of 1.
  expect(shareInterval(2, 3, 0.95).high).toBeLessThan(1);
  expect(() => shareInterval(4, 3, 0.95)).toThrow(RangeError);
});
