import { expect, it } from 'vitest';
import { compare } from '../../src/experiment/compare.ts';
import { writeScenario } from '../helpers/run-cli.ts';

/**
 * Common random numbers: arrivals draw from their own named stream, so changing the fleet or the
 * scaling policy leaves every variant with the same arrivals for a seed. Bursty (MMPP) arrivals
 * make the check sharp: a shifted stream would change the count of nearly every period.
 */
const file = writeScenario(`name: crn
duration: 20m
workload:
  arrivals: { type: mmpp, states: [{ rate: 20, mean_duration: 2m }, { rate: 80, mean_duration: 1m }] }
  service_time: { dist: exponential, mean: 100ms }
fleet:
  instance_type: m7g.large
  autoscaling:
    min: 1
    max: 10
    policies:
      - { name: cpu, type: target_tracking, metric: ASGAverageCPUUtilization, target: 50 }
output: { period: 30s }
`);

it('variants differing in fleet and policy see the same arrivals in every period for the same seed', async () => {
  const result = await compare(
    [
      { name: 'base', file, sets: [] },
      { name: 'bigger', file, sets: ['fleet.instance_type=m7g.2xlarge', 'fleet.autoscaling.min=3'] },
      { name: 'policy', file, sets: ['autoscaling.policies[0].target=80'] },
      { name: 'fixed', file, sets: ['fleet.autoscaling=null', 'fleet.instances=6'] },
    ],
    { seeds: [7], workers: 1 },
  );
  const [base, ...others] = result.variants;
  const arrivals = base.timeseries.columns.arrivals;
  expect(arrivals.length).toBe(40);
  expect(new Set(arrivals).size, 'bursty arrivals vary from period to period').toBeGreaterThan(10);
  for (const v of others) {
    expect(v.timeseries.columns.arrivals, v.name).toEqual(arrivals);
    // The variants do differ: the comparison is not of identical runs.
    expect(v.timeseries.columns.instances_in_service, v.name).not.toEqual(base.timeseries.columns.instances_in_service);
  }
});

it('another seed gives other arrivals', async () => {
  const result = await compare([{ name: 'base', file, sets: [] }], { seeds: [8], workers: 1 });
  const again = await compare([{ name: 'base', file, sets: [] }], { seeds: [7], workers: 1 });
  expect(result.variants[0].timeseries.columns.arrivals).not.toEqual(again.variants[0].timeseries.columns.arrivals);
});
