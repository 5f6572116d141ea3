import { describe, expect, it } from 'vitest';
import { AliasTable } from '../../../src/models/elb/routing/alias-table.ts';
import { MIN_WEIGHT } from '../../../src/models/elb/routing/target-weights.ts';
import { WeightedRandom } from '../../../src/models/elb/routing/weighted-random.ts';
import { binomialTolerance } from './binomial.ts';
import { fakeTargets, FixedWeights, ManualClock, uniformFor } from './fake-target.ts';

/** Counts of `picks` picks by position. */
function shares(weights: number[], picks: number, seed: number): number[] {
  const targets = fakeTargets(weights.length);
  const wr = new WeightedRandom(uniformFor(seed), new ManualClock(), [new FixedWeights(weights)]);
  wr.routableSetChanged(targets, 'healthy');
  const counts = new Array<number>(weights.length).fill(0);
  for (let i = 0; i < picks; i++) counts[wr.pick(targets)]++;
  return counts;
}

describe('alias table', () => {
  it('splits [0, 1) into regions of exactly the weights, up to rounding', () => {
    // Evenly spaced u hit each region in proportion to its measure, to within 1 / M per region edge.
    const weights = Float64Array.from([1, 2, 3, 4, 0, 10, 0.5]);
    const total = weights.reduce((a, b) => a + b, 0);
    const table = new AliasTable();
    table.build(weights, weights.length);
    const M = 1_000_000;
    const counts = new Array<number>(weights.length).fill(0);
    for (let k = 0; k < M; k++) counts[table.sample((k + 0.5) / M)]++;
    weights.forEach((w, i) => expect(Math.abs(counts[i] / M - w / total)).toBeLessThan(2 * weights.length / M));
  });

  it('refuses weights that sum to nothing', () => {
    expect(() => new AliasTable().build(new Float64Array(3), 3)).toThrow(/positive finite sum/);
  });
});

describe('weighted_random (aws-semantics.md 7.4)', () => {
  it('with no weight source, every target is equally likely', () => {
    // 200,000 picks over 4 targets: each count is binomial(200,000, 1/4).
    const targets = fakeTargets(4);
    const wr = new WeightedRandom(uniformFor(5), new ManualClock());
    wr.routableSetChanged(targets, 'healthy');
    const picks = 200_000;
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < picks; i++) counts[wr.pick(targets)]++;
    for (const c of counts) expect(Math.abs(c - picks / 4)).toBeLessThan(binomialTolerance(picks, 1 / 4));
  });

  it('sends each target its weight share of requests', () => {
    // Each count is binomial(n, w / sum w) (the marginals of the multinomial).
    const weights = [1, 0.5, 0.25, 0.25, 2];
    const total = weights.reduce((a, b) => a + b, 0);
    const picks = 400_000;
    const counts = shares(weights, picks, 6);
    weights.forEach((w, i) => expect(Math.abs(counts[i] - (picks * w) / total)).toBeLessThan(binomialTolerance(picks, w / total)));
  });

  it('never blackholes a routable target; a set of zero weights shares evenly', () => {
    const picks = 100_000;
    const zeroOne = shares([0, 1], picks, 7);
    expect(zeroOne[0]).toBeLessThan(10); // MIN_WEIGHT share: 0.1 expected
    expect(MIN_WEIGHT).toBeGreaterThan(0);
    const zeros = shares([0, 0], picks, 8);
    expect(Math.abs(zeros[0] - picks / 2)).toBeLessThan(binomialTolerance(picks, 1 / 2));
  });

  it('refuses a pick over a set it was not told of', () => {
    const targets = fakeTargets(3);
    const wr = new WeightedRandom(uniformFor(9), new ManualClock());
    wr.routableSetChanged(targets.slice(1), 'healthy');
    expect(() => wr.pick(targets)).toThrow(/routable set last reported has 2/);
  });
});
