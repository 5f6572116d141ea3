import type { LogHistogram, TimeSeries } from '../engine/index.ts';
import type { CostBreakdown } from '../models/cost/billing-meter.ts';
import type { LoadBalancerCost } from '../models/cost/load-balancer-cost.ts';
import type { ServerTally } from '../models/compute/server-registry.ts';
import { FAILURE_CAUSES, type FailureCause } from '../models/requests/outcomes.ts';
import type { ActivityRecord } from '../models/telemetry/activity-log.ts';
import { MAX_TIME_SERIES_ROWS, timeSeriesRows } from '../models/telemetry/period-sampler.ts';
import { buildModels } from './build.ts';
import { ScenarioError } from './scenario-error.ts';
import type { Scenario } from './schema.ts';
import { metricsLogWarnings, scenarioWarnings, traceEndWarnings, type RunWarning } from './warnings.ts';

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Overrides the scenario's duration, seconds. */
  readonly duration?: number;
  /** Called with the fraction of simulated time done, about 200 times over a run. */
  readonly onProgress?: (fraction: number) => void;
  /** Warnings found when the scenario was read (LoadedScenario.warnings), carried into the result. */
  readonly warnings?: readonly RunWarning[];
  /** Most events the run may be expected to process; default MAX_EXPECTED_EVENTS (src/scenario/limits.ts). */
  readonly maxEvents?: number;
}

/** What happened to the requests one instance took (targets.csv). */
export interface TargetRecord {
  readonly id: string;
  readonly availabilityZone: string;
  readonly instanceType: string;
  /** Requests it took: completed, failed on it, or in flight at the end. */
  readonly requests: number;
  readonly completed: number;
  readonly failed: number;
  readonly failedByCause: Record<FailureCause, number>;
  readonly inFlightAtEnd: number;
  /** Sum of the response times of the requests it completed, warmup included, seconds. */
  readonly latencySum: number;
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
  /** Every instance the run launched, in launch order. */
  readonly targets: readonly TargetRecord[];
  /** The group's Availability Zones, in its order. */
  readonly availabilityZones: readonly string[];
  /** Requests each AZ's load balancer node received (cross-zone off); null with cross-zone on. */
  readonly nodeRequests: Readonly<Record<string, number>> | null;
  /** The CloudWatch datapoints of each metrics period, as alarms and policies read them (metrics.csv). */
  readonly metrics: TimeSeries<string>;
  /** What ran, but most likely not as meant: from reading the scenario, checking it, and the run itself. */
  readonly warnings: readonly RunWarning[];
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

function targetRecord(i: ServerTally): TargetRecord {
  const failedByCause = {} as Record<FailureCause, number>;
  FAILURE_CAUSES.forEach((c, k) => (failedByCause[c] = i.failedByCause[k]));
  const failed = i.failedByCause.reduce((a, b) => a + b, 0);
  return {
    id: i.id,
    availabilityZone: i.availabilityZone,
    instanceType: i.instanceType,
    requests: i.completed + failed + i.outstanding,
    completed: i.completed,
    failed,
    failedByCause,
    inFlightAtEnd: i.outstanding,
    latencySum: i.latencySum,
  };
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
  const refuse = (path: string, message: string): never => {
    models.close();
    throw new ScenarioError([{ file: `scenario ${scenario.name}`, path, message }]);
  };
  if (!(end > scenario.warmup)) {
    // Without a duration the trace's span sets the end (an offset past it was refused when it was read).
    const ends = scenario.duration === undefined && models.endsWith !== undefined ? `, the end of the trace: ${models.endsWith}; shorten the warmup or give a duration` : '';
    refuse(scenario.duration === undefined ? 'warmup' : 'duration', `the run would last ${end} s, not past the warmup (${scenario.warmup} s)${ends}`);
  }
  const period = scenario.output.period;
  const rows = timeSeriesRows(end, period);
  if (rows > MAX_TIME_SERIES_ROWS) {
    const fits = end / MAX_TIME_SERIES_ROWS;
    refuse(
      'output.period',
      `${end} s at ${period} s per row would be ${rows} time-series rows, more than the ${MAX_TIME_SERIES_ROWS} a run keeps; ` +
        `the smallest period that fits is ${fits >= 1 ? `${Math.ceil(fits)}s` : `${Math.ceil(fits * 1000)}ms`}`,
    );
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
    targets: models.servers.tallyList().map(targetRecord),
    availabilityZones: group.config.availabilityZones,
    nodeRequests: models.loadBalancer.requestsByNode(),
    metrics: models.scaling.metricsLog.series,
    warnings: [
      ...(options.warnings ?? []),
      ...scenarioWarnings(scenario),
      ...traceEndWarnings(models.finiteTraces, end, scenario.output.period),
      ...metricsLogWarnings(models.scaling.metricsLog, MAX_TIME_SERIES_ROWS),
    ],
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
