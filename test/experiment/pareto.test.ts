import { expect, it } from 'vitest';
import { paretoFront } from '../../src/experiment/pareto.ts';

it('marks the points no other point beats on both cost and p99', () => {
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
  expect(paretoFront(points)).toEqual([true, true, false, true, false, false, true, false]);
});

it('a single point is its own front', () => {
  expect(paretoFront([{ x: 3, y: 4 }])).toEqual([true]);
});
