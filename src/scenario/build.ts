import {
  lognormalFromMedianP99,
  makeSampler,
  RandomStreams,
  Simulator,
  type DistributionSpec,
} from '../engine/index.ts';
import { FixedFleet } from '../models/compute/fleet.ts';
import { INSTANCE_TYPES } from '../models/compute/instance-types.ts';
import { BillingMeter } from '../models/cost/billing-meter.ts';
import { LoadBalancer } from '../models/elb/load-balancer.ts';
import { RandomRouting } from '../models/elb/routing/random.ts';
import { RoundRobin } from '../models/elb/routing/round-robin.ts';
import type { RoutingAlgorithm } from '../models/elb/routing/routing-algorithm.ts';
import { Outcomes } from '../models/requests/outcomes.ts';
import { RequestTable } from '../models/requests/request-table.ts';
import { PeriodSampler } from '../models/telemetry/period-sampler.ts';
import type { ArrivalProcess } from '../models/workload/arrivals/arrival-process.ts';
import { PoissonArrivals } from '../models/workload/arrivals/poisson.ts';
import { RequestReplay } from '../models/workload/arrivals/request-replay.ts';
import { TraceReplay } from '../models/workload/arrivals/trace-replay.ts';
import { readRateCsv } from '../models/workload/traces/rate-csv.ts';
import { lastRequestTime, RequestTimesReader } from '../models/workload/traces/request-times.ts';
import { Workload } from '../models/workload/workload.ts';
import type { DistributionConfig, Scenario } from './schema.ts';

/** Everything the models built for one run, wired on one engine. */
export interface BuiltModels {
  readonly sim: Simulator;
  readonly requests: RequestTable;
  readonly outcomes: Outcomes;
  readonly fleet: FixedFleet;
  readonly billing: BillingMeter;
  readonly sampler: PeriodSampler;
  /** Simulated end time, seconds. */
  readonly endTime: number;
  /** Releases open trace files. */
  close(): void;
}

/** Wires the scenario's models on a fresh engine, ready to run from time 0. */
export function buildModels(scenario: Scenario): BuiltModels {
  const sim = new Simulator();
  const rng = new RandomStreams(scenario.seed);
  const requests = new RequestTable();
  const outcomes = new Outcomes(scenario.warmup);
  const billing = new BillingMeter();
  const { fleet: fleetConfig } = scenario;
  const typeInfo = INSTANCE_TYPES[fleetConfig.instance_type];
  const fleet = new FixedFleet(sim, requests, outcomes, billing, {
    instanceType: fleetConfig.instance_type,
    instances: fleetConfig.instances,
    workers: fleetConfig.workers ?? typeInfo.vcpus,
    queueLimit: fleetConfig.queue_limit ?? Infinity,
    requestTimeout: fleetConfig.request_timeout ?? Infinity,
    availabilityZones: fleetConfig.availability_zones,
  });
  const algorithm: RoutingAlgorithm =
    scenario.load_balancer.algorithm === 'random' ? new RandomRouting(rng.stream('elb.routing')) : new RoundRobin();
  const lb = new LoadBalancer(algorithm);
  for (const inst of fleet.instances) lb.register(inst);

  const { arrivals, closeArrivals, span } = buildArrivals(scenario, rng);
  const serviceTime = makeSampler(toDistribution(scenario.workload.service_time), rng.stream('workload.service_time'));
  const workload = new Workload(sim, arrivals, serviceTime, requests, outcomes, lb);
  const sampler = new PeriodSampler(sim, scenario.output.period, outcomes, fleet);
  const endTime = scenario.duration ?? span;
  workload.start();
  sampler.start();
  return { sim, requests, outcomes, fleet, billing, sampler, endTime, close: closeArrivals };
}

function buildArrivals(
  scenario: Scenario,
  rng: RandomStreams,
): { arrivals: ArrivalProcess; closeArrivals: () => void; span: number } {
  const a = scenario.workload.arrivals;
  const uniform = rng.stream('workload.arrivals');
  switch (a.type) {
    case 'poisson':
      return { arrivals: new PoissonArrivals(a.rate, uniform), closeArrivals: () => {}, span: Infinity };
    case 'trace': {
      const trace = readRateCsv(a.file);
      const options = { scale: a.scale, speedup: a.speedup, loop: a.loop, exact: a.exact, offset: a.offset };
      return { arrivals: new TraceReplay(trace, options, uniform), closeArrivals: () => {}, span: TraceReplay.span(trace, options) };
    }
    case 'requests': {
      const reader = new RequestTimesReader(a.file);
      // Only a run without a duration needs the file's span, read from its tail.
      const span = scenario.duration === undefined ? Math.max(0, lastRequestTime(a.file) - a.offset) / a.speedup : Infinity;
      return { arrivals: new RequestReplay(reader, a.speedup, a.offset), closeArrivals: () => reader.close(), span };
    }
  }
}

/** The engine's distribution from the scenario's. */
export function toDistribution(d: DistributionConfig): DistributionSpec {
  switch (d.dist) {
    case 'lognormal': {
      if (d.median !== undefined && d.p99 !== undefined) return { dist: 'lognormal', ...lognormalFromMedianP99(d.median, d.p99) };
      return { dist: 'lognormal', mu: d.mu!, sigma: d.sigma! };
    }
    default:
      return d;
  }
}
