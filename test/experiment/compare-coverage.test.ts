import { expect, it } from 'vitest';
import { compare } from '../../src/experiment/compare.ts';
import { mmc } from '../helpers/queueing-theory.ts';
import { writeScenario } from '../helpers/run-cli.ts';

/**
 * compare's 95 % confidence intervals cover the true mean about 95 % of the time.
 *
 * Truth: the mean response time of M/M/c, Erlang C's mean wait plus the mean service time
 * (Gross & Harris, Fundamentals of Queueing Theory, 4th ed., eq. 2.36-2.39), computed by
 * test/helpers/queueing-theory.ts independently of fleetsim.
 *
 * 40 independent comparisons (disjoint seeds) of 10 seeds each. If the intervals have their
 * advertised 95 % coverage, the number that cover the truth is Binomial(40, 0.95), and
 * P(X <= 32) = 0.0007: requiring at least 33 of 40 fails a correct implementation about once in
 * 1400 choices of seeds. Intervals of 68 % coverage (for example s / sqrt(n) without the t factor)
 * would pass with probability 0.03.
 *
 * Bias: an empty M/M/1 queue relaxes to steady state with time constant 1 / (mu (1 - sqrt(rho))^2)
 * (P. M. Morse, Operations Research 3, 1955); even taken with one server's mu, that is 37 ms here
 * (c servers relax faster), so the 0.5 s warmup spans over 13 time constants and the initial
 * transient's weight is below e^-13. The end of the run drops the requests still in flight,
 * about lambda W = 4 of the 9,800 measured per run, which moves the mean by under 0.05 %; the
 * intervals' half-width is about 2 % of the mean, so both biases are negligible against it.
 */
const C = 4;
const MU = 1000;
const RHO = 0.7;
const LAMBDA = RHO * C * MU;
const COMPARISONS = 40;
const SEEDS_EACH = 10;

it(`95 % intervals of the mean response time cover the M/M/${C} mean in at least 33 of ${COMPARISONS} comparisons`, async () => {
  const truthMs = mmc(LAMBDA, MU, C).meanResponse * 1000;
  const file = writeScenario({
    name: 'mmc-coverage',
    duration: 4,
    warmup: 0.5,
    workload: { arrivals: { type: 'poisson', rate: LAMBDA }, service_time: { dist: 'exponential', mean: 1 / MU } },
    fleet: { instance_type: 'm7g.large', instances: 1, workers: C },
  });
  let covered = 0;
  let relativeHalfWidth = 0;
  for (let k = 0; k < COMPARISONS; k++) {
    const seeds = Array.from({ length: SEEDS_EACH }, (_, i) => 1000 + k * SEEDS_EACH + i);
    const result = await compare([{ name: 'mmc', file, sets: [] }], { seeds, workers: 1 });
    const e = result.variants[0].estimates.latency_mean_ms;
    expect(e.n).toBe(SEEDS_EACH);
    if (e.low! <= truthMs && truthMs <= e.high!) covered++;
    relativeHalfWidth += e.half_width! / truthMs / COMPARISONS;
  }
  expect(covered).toBeGreaterThanOrEqual(33);
  // Sharp intervals: coverage is not bought with width.
  expect(relativeHalfWidth).toBeLessThan(0.05);
}, 120_000);
