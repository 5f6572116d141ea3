import { describe, it } from 'vitest';
import { md1 } from '../helpers/queueing-theory.ts';
import { expectAgreement } from '../helpers/replication-stats.ts';
import { queueScenario, replicate } from './scenario-for.ts';

/**
 * M/D/1: Poisson arrivals, a constant service time, one worker, through the command-line path.
 * Theory: the Pollaczek-Khinchine formula with a deterministic service time gives the mean wait
 * rho / (2 mu (1 - rho)) (Kleinrock 1975, vol. 1, eq. 5.73 with C_b^2 = 0).
 *
 * Tolerance: 10 independent replications, t(9, 0.9995) times their standard error.
 */
const MU = 1000;
const cases = [
  { rho: 0.5, duration: 110, warmup: 10, sharp: 0.04 },
  { rho: 0.8, duration: 220, warmup: 20, sharp: 0.04 },
  { rho: 0.95, duration: 840, warmup: 40, sharp: 0.08 },
];

describe.each(cases)('M/D/1 at rho = $rho', ({ rho, duration, warmup, sharp }) => {
  const lambda = rho * MU;
  const theory = md1(lambda, MU);
  const runs = replicate(
    queueScenario({ name: `md1-${rho}`, rate: lambda, workers: 1, serviceTime: { dist: 'constant', value: 1 / MU }, duration, warmup }),
  );

  it('the mean wait follows Pollaczek-Khinchine', async () => {
    expectAgreement((await runs).map((s) => s.queueing.wait_ms.mean! / 1000), theory.meanWait, sharp);
  });

  it('the mean response time is the mean wait plus the service time', async () => {
    expectAgreement((await runs).map((s) => s.latency_ms.mean! / 1000), theory.meanResponse, sharp);
  });
});
