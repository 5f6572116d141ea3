import { TimeSeries, type LogHistogram, type Simulator } from '../engine/index.ts';
import type { CostBreakdown } from '../models/cost/billing-meter.ts';
import type { LoadBalancerCost } from '../models/cost/load-balancer-cost.ts';
import type { ServerTally } from '../models/compute/server-registry.ts';
import { FAILURE_CAUSES, type FailureCause } from '../models/requests/outcomes.ts';
import type { ActivityRecord } from '../models/telemetry/activity-log.ts';
import { MAX_TIME_SERIES_ROWS, timeSeriesRows } from '../models/telemetry/period-sampler.ts';
import { buildModels } from './build.ts';
import { ScenarioError } from './scenario-error.ts';
import type { Scenario } from './schema.ts';
import { singleResources } from './single-resource.ts';
import { metricsLogWarnings, traceEndWarnings, type RunWarning } from './warnings.ts';

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Overrides the scenario's duration, seconds. */
  readonly duration?: number;
  /**
   * Called with the fraction of simulated time done and what the run has reached: at least 200
   * times over a run, and more often when a 200th of it takes longer than PROGRESS_STEP_SECONDS.
   */
  readonly onProgress?: (fraction: number, reached: RunProgress) => void;
  /** Warnings found when the scenario was read (LoadedScenario.warnings), carried into the result. */
  readonly warnings?: readonly RunWarning[];
  /** Most events the run may be expected to process; default MAX_EXPECTED_EVENTS (src/scenario/limits.ts). */
  readonly maxEvents?: number;
}

/** Where a run is, for a progress report. */
export interface RunProgress {
  readonly simulatedSeconds: number;
  readonly endSeconds: number;
  readonly events: number;
  /** Since simulate() was called, building the models included. */
  readonly wallSeconds: number;
}

/** Wall seconds a step between two progress reports may take before the steps shorten. */
const PROGRESS_STEP_SECONDS = 0.5;

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

/** The requests one resource (group, target group, load balancer, request class) saw, as the run's totals are counted. */
export interface ResourceRequests {
  /** Requests it took: completed, failed with a cause, or in flight at the end. */
  readonly requests: number;
  readonly completed: number;
  readonly failed: number;
  readonly failedByCause: Record<FailureCause, number>;
  readonly inFlightAtEnd: number;
  /** Response times (s) of its completed requests that arrived after the warmup. */
  readonly latency: LogHistogram;
}

export interface AutoScalingGroupResult {
  readonly name: string;
  readonly instanceType: string;
  readonly requests: ResourceRequests;
  readonly capacity: RunResult['capacity'];
  readonly scaling: RunResult['scaling'];
  /** Its instances' cost, USD. */
  readonly costUsd: number;
  readonly timeSeries: TimeSeries<string>;
}

export interface TargetGroupResult {
  readonly name: string;
  readonly loadBalancer: string;
  readonly requests: ResourceRequests;
  /** Its share of the load balancer's routed requests; 0 when it routed none. */
  readonly trafficShare: number;
  readonly timeSeries: TimeSeries<string>;
}

export interface LoadBalancerResult {
  readonly name: string;
  readonly type: 'alb' | 'nlb';
  readonly requests: ResourceRequests;
  readonly cost: LoadBalancerCost;
  readonly timeSeries: TimeSeries<string>;
}

export interface RequestClassResult {
  readonly name: string;
  readonly path: string;
  readonly requests: ResourceRequests;
}

/** A run's results per named resource, beside its totals. */
export interface ResourceResults {
  readonly autoScalingGroups: readonly AutoScalingGroupResult[];
  readonly targetGroups: readonly TargetGroupResult[];
  readonly loadBalancers: readonly LoadBalancerResult[];
  readonly requestClasses: readonly RequestClassResult[];
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
  /** The same run per resource: each group, target group, load balancer and request class. */
  readonly resources: ResourceResults;
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

/**
 * Runs to `end` in steps of simulated time, reporting after each: a 200th of the run at most,
 * halved while a step takes more than PROGRESS_STEP_SECONDS of wall time, so that a slow run
 * still reports every few seconds. Where the run pauses changes no event's order or outcome.
 */
function runInSteps(sim: Simulator, end: number, wallStart: number, onProgress: NonNullable<SimulateOptions['onProgress']>): void {
  const longest = end / 200;
  let step = longest;
  let reached = 0;
  while (reached < end) {
    const stepStart = performance.now();
    reached = end - reached <= step ? end : reached + step;
    sim.run(reached);
    const now = performance.now();
    const took = (now - stepStart) / 1000;
    if (took > PROGRESS_STEP_SECONDS) step = Math.max(step / 2, end * 1e-9);
    else if (took < PROGRESS_STEP_SECONDS / 4) step = Math.min(step * 2, longest);
    onProgress(reached / end, { simulatedSeconds: reached, endSeconds: end, events: sim.eventsProcessed, wallSeconds: (now - wallStart) / 1000 });
  }
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
    if (options.onProgress) runInSteps(sim, end, wallStart, options.onProgress);
    else sim.run(end);
  } finally {
    models.close();
  }
  sampler.finish(end);
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const failed = outcomes.failed;
  const instanceSeconds = group.inService.areaAt(end);
  const run: Omit<RunResult, 'resources'> = {
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
  return { ...run, resources: resourceResults(run) };
}

/**
 * The run per resource. The shorthand has one of each, so each one's figures are the run's: the
 * group's and the target group's requests are those that reached an instance (the sum over its
 * targets), the load balancer's and the one request class's are every arrival. The time series are
 * the columns of the run's time series that belong to each.
 */
function resourceResults(run: Omit<RunResult, 'resources'>): ResourceResults {
  const all: ResourceRequests = {
    requests: run.requests.arrived,
    completed: run.requests.completed,
    failed: run.requests.failed,
    failedByCause: run.requests.failedByCause,
    inFlightAtEnd: run.requests.inFlightAtEnd,
    latency: run.latency,
  };
  const sum = (f: (t: TargetRecord) => number) => run.targets.reduce((n, t) => n + f(t), 0);
  const failedByCause = {} as Record<FailureCause, number>;
  for (const c of FAILURE_CAUSES) failedByCause[c] = sum((t) => t.failedByCause[c]);
  const reachedInstances: ResourceRequests = {
    requests: sum((t) => t.requests),
    completed: sum((t) => t.completed),
    failed: sum((t) => t.failed),
    failedByCause,
    inFlightAtEnd: sum((t) => t.inFlightAtEnd),
    // Only requests an instance completed have a response time.
    latency: run.latency,
  };
  const series = run.timeSeries;
  const single = singleResources(run.scenario);
  const lbName = single.loadBalancer.name;
  const azColumns = run.availabilityZones.map((az) => `in_service_${az}`);
  return {
    autoScalingGroups: [
      {
        name: single.group.name,
        instanceType: single.group.config.instance_type,
        requests: reachedInstances,
        capacity: run.capacity,
        scaling: run.scaling,
        costUsd: run.cost.total,
        timeSeries: project(series, {
          time_s: 'time_s',
          desired: 'desired',
          in_service: 'instances_in_service',
          pending: 'pending',
          warming: 'warming',
          terminating: 'terminating',
          warm_pool: 'warm_pool',
          instances_needed: 'instances_needed',
          utilization: 'utilization',
          ...Object.fromEntries(azColumns.map((c) => [c, c])),
        }),
      },
    ],
    targetGroups: [
      {
        name: single.targetGroup.name,
        loadBalancer: lbName,
        requests: reachedInstances,
        trafficShare: reachedInstances.requests > 0 ? 1 : 0,
        timeSeries: targetGroupSeries(series),
      },
    ],
    loadBalancers: [
      {
        name: lbName,
        type: single.loadBalancer.config.type,
        requests: all,
        cost: run.loadBalancerCost,
        timeSeries: project(series, { time_s: 'time_s', requests: 'arrivals', http_503: 'failed_http_503' }),
      },
    ],
    requestClasses: [{ name: run.scenario.workload.classes[0].name, path: run.scenario.workload.classes[0].path, requests: all }],
  };
}

/** Columns of `series` under new names: `{ new name: column }`. */
function project(series: TimeSeries<string>, columns: Readonly<Record<string, string>>): TimeSeries<string> {
  const names = Object.keys(columns);
  const source = names.map((n) => series.column(columns[n]));
  const out = new TimeSeries<string>(names);
  for (let r = 0; r < series.length; r++) out.append(source.map((c) => c[r]));
  return out;
}

/**
 * The target group's requests per period: the period's arrivals but those the load balancer
 * answered 503 itself (no target to send them to), and their fates on its targets.
 */
function targetGroupSeries(series: TimeSeries<string>): TimeSeries<string> {
  const lb503 = series.column('failed_http_503');
  const arrivals = series.column('arrivals');
  const failed = series.column('failed');
  const tg = project(series, {
    time_s: 'time_s',
    requests: 'arrivals',
    completed: 'completed',
    failed: 'failed',
    latency_p50_ms: 'latency_p50_ms',
    latency_p99_ms: 'latency_p99_ms',
    healthy_targets: 'healthy_targets',
    unhealthy_targets: 'unhealthy_targets',
  });
  const requests = tg.column('requests');
  const tgFailed = tg.column('failed');
  for (let r = 0; r < series.length; r++) {
    requests[r] = arrivals[r] - lb503[r];
    tgFailed[r] = failed[r] - lb503[r];
  }
  return tg;
}
