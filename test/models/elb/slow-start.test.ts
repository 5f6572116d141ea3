import { describe, expect, it } from 'vitest';
import { SlowStart, slowStartErrors } from '../../../src/models/elb/routing/slow-start.ts';
import type { TrackingRoutingAlgorithm } from '../../../src/models/elb/routing/routing-hooks.ts';
import { WeightedRandom } from '../../../src/models/elb/routing/weighted-random.ts';
import { WeightedRoundRobin } from '../../../src/models/elb/routing/weighted-round-robin.ts';
import { Z } from './binomial.ts';
import { fakeTargets, ManualClock, uniformFor } from './fake-target.ts';

const DURATION = 60;

/** A group of `n` targets registered at 0 and healthy at 1 (none ramps), and one more target. */
function groupWithNewcomer(n: number) {
  const clock = new ManualClock();
  const slowStart = new SlowStart(clock, { durationSeconds: DURATION });
  const targets = fakeTargets(n + 1);
  const old = targets.slice(0, n);
  const newcomer = targets[n];
  for (const t of old) slowStart.targetRegistered(t);
  return { clock, slowStart, old, newcomer, targets };
}

describe('slow start entry (aws-semantics.md 7.3)', () => {
  it('a target registered into a group with a healthy target at full share ramps from when it is healthy', () => {
    const { clock, slowStart, old, newcomer, targets } = groupWithNewcomer(2);
    clock.now = 1;
    slowStart.routableSetChanged(old, 'healthy');
    expect(old.every((t) => !slowStart.inSlowStart(t, 1))).toBe(true);
    clock.now = 100;
    slowStart.targetRegistered(newcomer);
    clock.now = 130;
    slowStart.routableSetChanged(targets, 'healthy');
    expect(slowStart.inSlowStart(newcomer, 130)).toBe(true);
    // Linear: (t - 130) / 60.
    for (const [t, w] of [
      [130, 0],
      [145, 0.25],
      [160, 0.5],
      [175, 0.75],
      [190, 1],
      [500, 1],
    ]) {
      expect(slowStart.weight(newcomer, t)).toBeCloseTo(w, 12);
    }
    expect(slowStart.inSlowStart(newcomer, 190)).toBe(false);
    expect(slowStart.weight(old[0], 150)).toBe(1);
  });

  it('targets registered into an empty group do not ramp, however their first checks are staggered', () => {
    const { clock, slowStart, old } = groupWithNewcomer(3);
    clock.now = 1;
    slowStart.routableSetChanged(old.slice(0, 1), 'healthy');
    clock.now = 2;
    slowStart.routableSetChanged(old.slice(0, 2), 'healthy');
    clock.now = 3;
    slowStart.routableSetChanged(old, 'healthy');
    expect(old.map((t) => slowStart.weight(t, 3))).toEqual([1, 1, 1]);
    expect(slowStart.nextChange(3)).toBe(Infinity);
  });

  it('targets already healthy when slow start is turned on do not ramp', () => {
    const clock = new ManualClock(50);
    const slowStart = new SlowStart(clock, { durationSeconds: DURATION });
    const targets = fakeTargets(3);
    slowStart.routableSetChanged(targets, 'healthy');
    expect(targets.map((t) => slowStart.weight(t, 50))).toEqual([1, 1, 1]);
  });

  it('an unhealthy target leaves slow start and enters it again when healthy', () => {
    const { clock, slowStart, old, newcomer, targets } = groupWithNewcomer(2);
    clock.now = 1;
    slowStart.routableSetChanged(old, 'healthy');
    slowStart.targetRegistered(newcomer);
    clock.now = 10;
    slowStart.routableSetChanged(targets, 'healthy');
    clock.now = 40;
    slowStart.routableSetChanged(old, 'healthy'); // newcomer unhealthy
    expect(slowStart.inSlowStart(newcomer, 40)).toBe(false);
    clock.now = 200;
    slowStart.routableSetChanged(targets, 'healthy');
    expect(slowStart.weight(newcomer, 230)).toBeCloseTo(0.5, 12);
    // A target of the original group that recovers ramps too: it was healthy, went unhealthy.
    clock.now = 300;
    slowStart.routableSetChanged([old[1], newcomer], 'healthy');
    clock.now = 400;
    slowStart.routableSetChanged(targets, 'healthy');
    expect(slowStart.inSlowStart(old[0], 400)).toBe(true);
  });

  it('enters only if a healthy target outside slow start exists then; failing open, nobody ramps', () => {
    const { clock, slowStart, old, newcomer, targets } = groupWithNewcomer(2);
    clock.now = 1;
    slowStart.routableSetChanged(old, 'healthy');
    slowStart.targetRegistered(newcomer);
    clock.now = 5;
    slowStart.routableSetChanged(targets, 'fail_open'); // every target unhealthy
    clock.now = 10;
    slowStart.routableSetChanged([newcomer], 'healthy'); // the newcomer is the only healthy one
    expect(slowStart.weight(newcomer, 10)).toBe(1);
    clock.now = 20;
    slowStart.routableSetChanged(targets, 'healthy'); // the others come back: they had been healthy
    expect(old.every((t) => slowStart.inSlowStart(t, 20))).toBe(true);
    expect(slowStart.inSlowStart(newcomer, 20)).toBe(false);
  });

  it('targets that become healthy together do not depend on their order', () => {
    for (const anchorStays of [true, false]) {
      for (const order of [
        [0, 1],
        [1, 0],
      ]) {
        const { clock, slowStart, old, newcomer } = groupWithNewcomer(1);
        const other = fakeTargets(1, 10)[0];
        clock.now = 1;
        slowStart.routableSetChanged(old, 'healthy');
        slowStart.targetRegistered(newcomer);
        slowStart.targetRegistered(other);
        clock.now = 5;
        if (!anchorStays) slowStart.routableSetChanged(old, 'fail_open'); // the only full-share target goes unhealthy
        clock.now = 6;
        const pair = [newcomer, other];
        slowStart.routableSetChanged([...(anchorStays ? old : []), ...order.map((i) => pair[i])], 'healthy');
        expect(pair.map((t) => slowStart.inSlowStart(t, 6))).toEqual([anchorStays, anchorStays]);
      }
    }
  });

  it('settings: 30..900 s, and never with least_outstanding_requests', () => {
    expect(slowStartErrors(0, 'least_outstanding_requests')).toEqual([]);
    expect(slowStartErrors(30, 'round_robin')).toEqual([]);
    expect(slowStartErrors(901, 'weighted_random')).toHaveLength(1);
    expect(slowStartErrors(60, 'least_outstanding_requests')[0]).toMatch(/least_outstanding_requests/);
    expect(() => new SlowStart(new ManualClock(), { durationSeconds: 29 })).toThrow(RangeError);
  });
});

const RATE = 2000;
const RAMP_START = 10;

/**
 * 9 targets at full share and a newcomer ramping over 60 s from RAMP_START, RATE requests/s
 * through `algorithm`; the newcomer's count in each second of the ramp and 10 s after, and its
 * expected count: the weight used in second s is the ramp's value at its start (one refresh per
 * second), its share w / (9 + w).
 */
function rampCounts(make: (clock: ManualClock, slowStart: SlowStart) => TrackingRoutingAlgorithm): { counts: number[]; expected: number[] } {
  const { clock, slowStart, old, newcomer, targets } = groupWithNewcomer(9);
  const algorithm = make(clock, slowStart);
  clock.now = 1;
  algorithm.routableSetChanged(old, 'healthy');
  slowStart.targetRegistered(newcomer);
  clock.now = RAMP_START;
  algorithm.routableSetChanged(targets, 'healthy');
  const seconds = DURATION + 10;
  const counts = new Array<number>(seconds).fill(0);
  for (let k = 0; k < RATE * seconds; k++) {
    clock.now = RAMP_START + k / RATE;
    const p = algorithm.pick(targets);
    if (targets[p] === newcomer) counts[Math.floor(k / RATE)]++;
  }
  const expected = counts.map((_, s) => {
    const w = Math.min(1, s / DURATION);
    return (RATE * w) / (9 + w);
  });
  return { counts, expected };
}

describe('slow start ramps the share linearly (aws-semantics.md 7.3)', () => {
  it('weighted round robin: the newcomer gets its weight share of each second, within 2 requests', () => {
    // Stride scheduling keeps every target within one request of its share over any stretch; the
    // once-per-second rescaling of passes adds at most one more.
    const { counts, expected } = rampCounts((clock, slowStart) => new WeightedRoundRobin(clock, [slowStart]));
    counts.forEach((c, s) => expect(Math.abs(c - expected[s])).toBeLessThanOrEqual(2));
  });

  it('weighted random: the newcomer share over 10 s bins follows the ramp, within binomial noise', () => {
    // A bin's count is a sum of independent Bernoulli draws with p_s = w_s / (9 + w_s) in second s:
    // variance sum(n_s p_s (1 - p_s)) <= sum(expected); Z standard deviations of that.
    const { counts, expected } = rampCounts((clock, slowStart) => new WeightedRandom(uniformFor(11), clock, [slowStart]));
    for (let b = 0; b < counts.length; b += 10) {
      const got = counts.slice(b, b + 10).reduce((a, c) => a + c, 0);
      const want = expected.slice(b, b + 10).reduce((a, c) => a + c, 0);
      expect(Math.abs(got - want)).toBeLessThan(Z * Math.sqrt(want) + 1);
    }
  });
});

