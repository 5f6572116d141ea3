import { describe, it } from 'vitest';
import { mm1 } from '../helpers/queueing-theory.ts';
import { expectAgreement } from '../helpers/replication-stats.ts';
import { expectEveryRequestAccounted } from '../helpers/request-accounting.ts';
import { queueScenario, replicate } from './scenario-for.ts';

/**
 * M/M/1 through the whole command-line path (scenario file -> fleetsim run -> summary.json).
 * Theory: the response time of M/M/1 (FIFO) is exponential with rate mu - lambda
 * (Kleinrock 1975, vol. 1, eq. 3.26), so mean = 1 / (mu - lambda) and p99 = ln(100) / (mu - lambda).
 *
 * Tolerance: 10 independent replications (seeds), t(9, 0.9995) times their standard error,
 * plus, for p99, the histogram's stated 0.5 % relative error. The runs are long enough that the
 * interval is narrow (`sharp` below, for the mean and the noisier p99): a test that could not
 * fail would be worthless.
 */
const MU = 1000; // service rate per second: 1 ms mean service time
const cases = [
  { rho: 0.5, duration: 110, warmup: 10, sharp: 0.03, sharpP99: 0.05 },
  { rho: 0.8, duration: 420, warmup: 20, sharp: 0.03, sharpP99: 0.05 },
  { rho: 0.95, duration: 840, warmup: 40, sharp: 0.08, sharpP99: 0.13 },
];

describe.each(cases)('M/M/1 at rho = $rho', ({ rho, duration, warmup, sharp, sharpP99 }) => {
  const lambda = rho * MU;
  const theory = mm1(lambda, MU);
  const runs = replicate(
    queueScenario({ name: `mm1-${rho}`, rate: lambda, workers: 1, serviceTime: { dist: 'exponential', mean: 1 / MU }, duration, warmup }),
  );

  it('mean response time is 1 / (mu - lambda)', async () => {
    expectAgreement((await runs).map((s) => s.latency_ms.mean! / 1000), theory.meanResponse, sharp);
  });

  it('p99 response time is ln(100) / (mu - lambda)', async () => {
    const p99 = theory.responseQuantile(0.99);
    expectAgreement((await runs).map((s) => s.latency_ms.p99! / 1000), p99, sharpP99, 0.005 * p99);
  });

  it('every request is accounted for', async () => {
    for (const s of await runs) expectEveryRequestAccounted(s);
  });
});
