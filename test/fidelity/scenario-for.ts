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
export const SEEDS = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
