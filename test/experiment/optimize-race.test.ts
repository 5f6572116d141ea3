import { expect, it } from 'vitest';
import { COMPARE_METRICS, type MetricValues } from '../../src/experiment/compare-result.ts';
import { classify, standingOf } from '../../src/experiment/optimize.ts';
import type { SweepRun } from '../../src/experiment/sweep-result.ts';

/** `n` runs costing `cost` (± a little by seed), the first `met` of which met the SLO. */
function runs(n: number, met: number, cost: number): SweepRun[] {
  const zero = Object.fromEntries(COMPARE_METRICS.map((m) => [m, 0])) as Record<string, number>;
  return Array.from({ length: n }, (_, i) => ({ point: 0, seed: i + 1, metrics: { ...zero, cost_usd: cost + 0.01 * (i % 2), slo_met: i < met ? 1 : 0 } as MetricValues }));
}

it('with every seed required, one failed seed rules a point out, and all seeds must run to show it feasible', () => {
  expect(standingOf(runs(3, 2, 1), 10, 1)).toMatchObject({ infeasible: true, feasible: false, hopeful: false });
  expect(standingOf(runs(6, 6, 1), 10, 1)).toMatchObject({ infeasible: false, feasible: false, hopeful: true });
  expect(standingOf(runs(10, 10, 1), 10, 1)).toMatchObject({ infeasible: false, feasible: true });
});

it('with a share below 1, a point is ruled out only when the Clopper-Pearson upper bound falls below it', () => {
  // 2 of 3: the share may still be 0.99 (upper bound 0.99); 1 of 3 may not be 0.95 (upper bound 0.906).
  expect(standingOf(runs(3, 2, 1), 10, 0.9).infeasible).toBe(false);
  expect(standingOf(runs(3, 1, 1), 10, 0.95).infeasible).toBe(true);
  // All seeds run: the share itself decides, as sweep's would: 8 of 10 misses 0.9.
  expect(standingOf(runs(10, 8, 1), 10, 0.9)).toMatchObject({ infeasible: true, feasible: false });
  expect(standingOf(runs(10, 9, 1), 10, 0.9)).toMatchObject({ infeasible: false, feasible: true });
  // 30 of 30 puts the lower bound above 0.88: shown feasible before the 40 seeds allowed.
  expect(standingOf(runs(30, 30, 1), 40, 0.88).feasible).toBe(true);
});

it('drops a point dearer than one shown feasible, and holds back one dearer than a point that may still be', () => {
  const standings = [
    standingOf(runs(3, 2, 1), 10, 1), // cheapest, failed a seed
    standingOf(runs(10, 10, 2), 10, 1), // shown feasible
    standingOf(runs(3, 3, 2.005), 10, 1), // cost overlaps the feasible one: still open
    standingOf(runs(3, 3, 5), 10, 1), // wholly dearer than a feasible point
  ];
  expect(classify(standings)).toEqual(['infeasible', 'feasible', 'open', 'costlier']);
  const racing = [
    standingOf(runs(3, 3, 2), 10, 1), // may still meet the SLO
    standingOf(runs(3, 3, 5), 10, 1), // wholly dearer: waits for the first to be decided
    standingOf(runs(3, 3, 2.005), 10, 1), // overlaps the first: races it
  ];
  expect(classify(racing)).toEqual(['open', 'waiting', 'open']);
});
