import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoundRobin } from '../../../src/models/elb/routing/round-robin.ts';
import { WeightedRoundRobin } from '../../../src/models/elb/routing/weighted-round-robin.ts';
import { fakeTargets, FixedWeights, ManualClock } from './fake-target.ts';

describe('weighted round robin (round_robin with slow start, aws-semantics.md 7.3, 7.4)', () => {
  it('with every weight 1 it hands out the same turns as plain round robin', () => {
    const targets = fakeTargets(7);
    const wrr = new WeightedRoundRobin(new ManualClock());
    wrr.routableSetChanged(targets, 'healthy');
    const rr = new RoundRobin();
    for (let i = 0; i < 1000; i++) expect(wrr.pick(targets)).toBe(rr.pick(targets));
  });

  it('keeps each target at most one request behind its weight share, and boundedly ahead, over every prefix', () => {
    // Stride scheduling keeps every client's pass within one stride after the last pick's (V), so a
    // client's count is in [w V - 1, w V] and summing over clients bounds V. The full-share
    // targets are one client served in a ring, which adds at most one turn ahead for each of them.
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 1, noNaN: true })), { minLength: 1, maxLength: 12 }),
        (weights) => {
          const n = weights.length;
          const targets = fakeTargets(n);
          const wrr = new WeightedRoundRobin(new ManualClock(), [new FixedWeights(weights)]);
          wrr.routableSetChanged(targets, 'healthy');
          const total = weights.reduce((a, b) => a + b, 0);
          const counts = new Array<number>(n).fill(0);
          let worstBehind = 0;
          let worstAhead = -Infinity; // lead minus its bound
          for (let k = 1; k <= 500; k++) {
            counts[wrr.pick(targets)]++;
            for (let i = 0; i < n; i++) {
              const lead = counts[i] - (k * weights[i]) / total;
              worstBehind = Math.min(worstBehind, lead);
              worstAhead = Math.max(worstAhead, lead - (1 + (n * weights[i]) / total));
            }
          }
          expect(worstBehind).toBeGreaterThanOrEqual(-1 - 1e-9);
          expect(worstAhead).toBeLessThanOrEqual(1e-9);
        },
      ),
    );
  });

  it('full-share targets take turns in a ring; a half-weight target gets half a turn', () => {
    // 3 targets at full share and one at 1/2: of every 7 requests, 2 to each full one and 1 to the half.
    const targets = fakeTargets(4);
    const wrr = new WeightedRoundRobin(new ManualClock(), [new FixedWeights([1, 1, 1, 0.5])]);
    wrr.routableSetChanged(targets, 'healthy');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 7000; i++) counts[wrr.pick(targets)]++;
    expect(counts).toEqual([2000, 2000, 2000, 1000]);
  });

  it('a target that joins or comes back starts at the back of the round: no burst', () => {
    const targets = fakeTargets(4);
    const wrr = new WeightedRoundRobin(new ManualClock());
    wrr.routableSetChanged(targets, 'healthy');
    for (let i = 0; i < 10; i++) wrr.pick(targets);
    const without = [targets[0], targets[1], targets[3]];
    wrr.routableSetChanged(without, 'healthy');
    for (let i = 0; i < 50; i++) wrr.pick(without);
    wrr.routableSetChanged(targets, 'healthy');
    for (let round = 0; round < 3; round++) {
      const seen = new Set<number>();
      for (let i = 0; i < 4; i++) seen.add(wrr.pick(targets));
      expect(seen.size).toBe(4);
    }
  });
});
