import { expect, it } from 'vitest';
import { paretoFront, type Ranged } from '../../src/experiment/pareto.ts';

/** A mean without an interval (one seed). */
const bare = (mean: number | null): Ranged => ({ mean, low: null, high: null });
/** A mean ± a half-width. */
const pm = (mean: number, half: number): Ranged => ({ mean, low: mean - half, high: mean + half });

it('without intervals, marks the points no other point beats on both cost and p99', () => {
  const points = [
    { x: 10, y: 500 }, // front: cheapest
    { x: 12, y: 300 }, // front
    { x: 12, y: 350 }, // dominated by (12, 300): same cost, slower
    { x: 20, y: 100 }, // front: fastest
    { x: 25, y: 100 }, // dominated by (20, 100)
    { x: 15, y: 400 }, // dominated by (12, 300)
    { x: 20, y: 100 }, // equal to a front point: on the front too
    { x: 5, y: null }, // no p99 (nothing completed): never on the front
  ];
  expect(paretoFront(points.map((p) => ({ x: bare(p.x), y: bare(p.y), eligible: true })))).toEqual([true, true, false, true, false, false, true, false]);
});

it('dominates only when an interval lies wholly below the other, and never an overlap', () => {
  const points = [
    { x: pm(10, 1), y: pm(300, 20) },
    // Both means worse, but both intervals overlap the first point's: the seeds cannot tell them apart.
    { x: pm(10.5, 1), y: pm(310, 20) },
    // Cost overlaps, p99 clearly worse: dominated by the first.
    { x: pm(10.5, 1), y: pm(400, 20) },
    // Cost clearly higher, p99 overlaps: dominated.
    { x: pm(13, 1), y: pm(290, 20) },
    // Cost clearly higher, p99 clearly lower: a trade-off, on the front.
    { x: pm(13, 1), y: pm(200, 20) },
  ];
  expect(paretoFront(points.map((p) => ({ ...p, eligible: true })))).toEqual([true, true, false, false, true]);
});

it('only points that meet the SLO compete: one that does not is never on the front and dominates nothing', () => {
  const points = [
    { x: bare(5), y: bare(100), eligible: false }, // cheapest and fastest, but misses the SLO
    { x: bare(10), y: bare(300), eligible: true },
    { x: bare(12), y: bare(350), eligible: true }, // dominated by the previous one
  ];
  expect(paretoFront(points)).toEqual([false, true, false]);
  expect(paretoFront(points.map((p) => ({ ...p, eligible: false })))).toEqual([false, false, false]);
});

it('a single point is its own front', () => {
  expect(paretoFront([{ x: bare(3), y: bare(4), eligible: true }])).toEqual([true]);
});
