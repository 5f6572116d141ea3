import { describe, it } from 'vitest';
import { mmc } from '../helpers/queueing-theory.ts';
import { expectAgreement } from '../helpers/replication-stats.ts';
import { queueScenario, replicate } from './scenario-for.ts';

/**
 * M/M/c: one instance with c workers sharing one FIFO queue, through the command-line path.
 * Theory: Erlang C gives the probability that an arrival waits, C(c, a), and the mean wait
 * C / (c mu - lambda) (Gross & Harris, Fundamentals of Queueing Theory, 4th ed., eq. 2.36-2.39).
 * fleetsim reports them as queueing.waited_fraction and queueing.wait_ms.mean.
 *
 * Tolerance: 10 independent replications, t(9, 0.9995) times their standard error.
 */
const MU = 1000;
const C = 10;
const cases = [
  { rho: 0.5, duration: 88, warmup: 8, sharp: 0.06 },
  { rho: 0.8, duration: 110, warmup: 10, sharp: 0.04 },
  { rho: 0.95, duration: 220, warmup: 20, sharp: 0.08 },
];

describe.each(cases)(`M/M/${C} at rho = $rho`, ({ rho, duration, warmup, sharp }) => {
  const lambda = rho * C * MU;
  const theory = mmc(lambda, MU, C);
  const runs = replicate(
    queueScenario({ name: `mmc-${rho}`, rate: lambda, workers: C, serviceTime: { dist: 'exponential', mean: 1 / MU }, duration, warmup }),
  );

  it('the share of requests that wait is Erlang C', async () => {
    expectAgreement((await runs).map((s) => s.queueing.waited_fraction!), theory.pWait, sharp);
  });

  it('the mean wait is C / (c mu - lambda)', async () => {
    expectAgreement((await runs).map((s) => s.queueing.wait_ms.mean! / 1000), theory.meanWait, 2 * sharp);
  });

  it('the mean response time is the mean wait plus 1 / mu', async () => {
    expectAgreement((await runs).map((s) => s.latency_ms.mean! / 1000), theory.meanResponse, sharp);
  });
});
