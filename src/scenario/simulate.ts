import type { LogHistogram, TimeSeries } from '../engine/index.ts';
import type { CostBreakdown } from '../models/cost/billing-meter.ts';
import type { LoadBalancerCost } from '../models/cost/load-balancer-cost.ts';
import type { FailureCause } from '../models/requests/outcomes.ts';
import type { ActivityRecord } from '../models/telemetry/activity-log.ts';
import { buildModels } from './build.ts';
import { ScenarioError } from './scenario-error.ts';
import type { Scenario } from './schema.ts';

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Overrides the scenario's duration, seconds. */
  readonly duration?: number;
  /** Called with the fraction of simulated time done, about 200 times over a run. */
  readonly onProgress?: (fraction: number) => void;
  /** Most events the run may be expected to process; default MAX_EXPECTED_EVENTS (src/scenario/limits.ts). */
  readonly maxEvents?: number;
}

/** A finished run, before it is turned into files. */
export interface RunResult {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly simulatedSeconds: number;
  readonly requests: {
    readonly arrived: number;
    readonly completed: number;
    readonly failed: number;
    readonly failedByCause: Record<FailureCause, number>;
    readonly inFlightAtEnd: number;
    /** Malformed lines skipped in the replayed per-request files (skip_bad_lines). */
    readonly skippedTraceLines: number;
  };
  /** Response times (seconds) of completed requests that arrived after the warmup. */
  readonly latency: LogHistogram;
  /** Queue waits (seconds) of the same requests. */
  readonly wait: LogHistogram;
  /** How many of them waited at all. */
  readonly waited: number;
  readonly cost: CostBreakdown;
  readonly loadBalancerCost: LoadBalancerCost;
  readonly capacity: {
    readonly instanceHours: number;
    readonly meanInstances: number;
    readonly maxInstances: number;
    /** Seconds of the run in which fewer instances were in service than the offered load needed. */
    readonly underProvisionedSeconds: number;
  };
  readonly timeSeries: TimeSeries<string>;
  /** Lifecycle and health changes, in order (activity.csv). */
  readonly activity: readonly ActivityRecord[];
  readonly scaling: {
    readonly launches: number;
    readonly terminations: number;
    readonly finalDesired: number;
    /** Desired-capacity changes made by policies and scheduled actions, by policy type. */
    readonly policyActivities: Readonly<Record<'target_tracking' | 'step' | 'simple' | 'scheduled' | 'predictive', number>>;
    readonly warmStarts: number;
  };
  /** The only part that differs between identical runs. */
  readonly engine: { readonly events: number; readonly wallSeconds: number; readonly eventsPerSecond: number };
}

/** Runs a validated scenario to its end. */
export function simulate(input: Scenario, options: SimulateOptions = {}): RunResult {
  const scenario: Scenario = {
    ...input,
    seed: options.seed ?? input.seed,
    duration: options.duration ?? input.duration,
  };
  const wallStart = performance.now();
  const models = buildModels(scenario, options.maxEvents);
  const { sim, outcomes, sampler, billing, requests, group } = models;
  const end = models.endTime;
  if (!(end > scenario.warmup)) {
    models.close();
    const path = scenario.duration === undefined ? 'workload.arrivals' : 'duration';
    throw new ScenarioError([
      { file: `scenario ${scenario.name}`, path, message: `the run would last ${end} s, not past the warmup (${scenario.warmup} s): is the trace offset past its end?` },
    ]);
  }
  try {
    if (options.onProgress) {
      const step = end / 200;
      for (let k = 1; k <= 200; k++) {
        sim.run(k === 200 ? end : step * k);
        options.onProgress(k / 200);
      }
    } else {
      sim.run(end);
    }
  } finally {
    models.close();
  }
  sampler.finish(end);
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const failed = outcomes.failed;
  const instanceSeconds = group.inService.areaAt(end);
  return {
    scenario,
    seed: scenario.seed,
    simulatedSeconds: end,
    requests: {
      arrived: outcomes.arrived,
      completed: outcomes.completed,
      failed,
      failedByCause: outcomes.failuresByName(),
      inFlightAtEnd: requests.countInFlight(),
      skippedTraceLines: models.skippedTraceLines(),
    },
    latency: outcomes.latency,
    wait: outcomes.wait,
    waited: outcomes.waited,
    cost: billing.costAt(end),
    loadBalancerCost: models.loadBalancerCost.finish(end),
    capacity: {
      instanceHours: instanceSeconds / 3600,
      meanInstances: end > 0 ? instanceSeconds / end : 0,
      maxInstances: group.inService.max,
      underProvisionedSeconds: sampler.underProvisionedSeconds,
    },
    timeSeries: sampler.series,
    activity: models.activity.records,
    scaling: {
      launches: group.launches,
      terminations: group.terminations,
      finalDesired: group.desiredCapacity,
      policyActivities: {
        ...models.scaling.controller.activities,
        scheduled: models.scaling.scheduled.activities,
        predictive: models.scaling.predictive?.activities ?? 0,
      },
      warmStarts: group.warmStarts,
    },
    engine: { events: sim.eventsProcessed, wallSeconds, eventsPerSecond: sim.eventsProcessed / Math.max(wallSeconds, 1e-9) },
  };
}
