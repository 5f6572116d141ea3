import type { Summary } from '../../src/report/summary.ts';
import { runScenario } from '../helpers/run-cli.ts';

/** A single instance with `workers` slots fed Poisson arrivals: the M/G/c queue of the textbooks. */
export function queueScenario(opts: {
  name: string;
  rate: number;
  workers: number;
  serviceTime: object;
  duration: number;
  warmup: number;
}): object {
  return {
    name: opts.name,
    duration: opts.duration,
    warmup: opts.warmup,
    workload: { arrivals: { type: 'poisson', rate: opts.rate }, service_time: opts.serviceTime },
    fleet: { instance_type: 'm7g.large', instances: 1, workers: opts.workers },
  };
}

/** Seeds of the independent replications. */
const SEEDS = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

/** The summaries of `fleetsim run` of `scenario` once per seed: independent replications. */
export function replicate(scenario: object): Promise<Summary[]> {
  return Promise.all(SEEDS.map((seed) => runScenario(scenario, ['--seed', String(seed)])));
}
