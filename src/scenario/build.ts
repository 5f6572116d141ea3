import {
  makeSampler,
  RandomStreams,
  Simulator,
  type Uniform,
} from '../engine/index.ts';
import { AutoScalingGroup, type GroupConfig } from '../models/autoscaling/group.ts';
import { ServerRegistry } from '../models/compute/server-registry.ts';
import { FaultInjector } from '../models/faults/fault-injector.ts';
import { ManualActions, type ManualActionConfig } from '../models/autoscaling/manual-actions.ts';
import { LoadBalancerCostMeter } from '../models/cost/load-balancer-cost.ts';
import { DEFAULT_WARM_START_SECONDS } from '../models/autoscaling/warm-pool.ts';
import { buildScaling, type BuiltScaling } from './build-scaling.ts';
import { ActivityLog } from '../models/telemetry/activity-log.ts';
import { INSTANCE_TYPES } from '../models/compute/instance-types.ts';
import { BillingMeter } from '../models/cost/billing-meter.ts';
import { DEFAULT_IDLE_TIMEOUT } from '../models/elb/idle-timeout.ts';
import { buildLoadBalancer } from './build-load-balancer.ts';
import type { Server } from '../models/compute/server.ts';
import type { LoadBalancer } from '../models/elb/load-balancer.ts';
import { Cause, Outcomes } from '../models/requests/outcomes.ts';
import { RequestTable } from '../models/requests/request-table.ts';
import { PeriodSampler } from '../models/telemetry/period-sampler.ts';
import type { ArrivalProcess } from '../models/workload/arrivals/arrival-process.ts';
import { MmppArrivals } from '../models/workload/arrivals/mmpp.ts';
import { PoissonArrivals } from '../models/workload/arrivals/poisson.ts';
import { diurnalRate, flashCrowdRate, RateFunctionArrivals, stepRate, type RateFunction } from '../models/workload/arrivals/rate-function.ts';
import { Superposition } from '../models/workload/arrivals/superposition.ts';
import { RequestReplay } from '../models/workload/arrivals/request-replay.ts';
import { TraceReplay } from '../models/workload/arrivals/trace-replay.ts';
import { readRateCsv } from '../models/workload/traces/rate-csv.ts';
import { RequestTimesReader, scanRequestFile } from '../models/workload/traces/request-times.ts';
import { describeTraceSpan, offsetPastEnd } from '../models/workload/traces/trace-error.ts';
import { Workload } from '../models/workload/workload.ts';
import { feasibilityProblem } from './feasibility.ts';
import { ScenarioError } from './scenario-error.ts';
import { buildServiceTime, meanServiceTime } from './service-time.ts';
import { requestFileOptions, toDistribution } from './model-config.ts';
import type { FiniteTrace } from './warnings.ts';
import type { ArrivalsConfig, Scenario } from './schema.ts';
import { singleResources } from './single-resource.ts';

/** Everything the models built for one run, wired on one engine. */
export interface BuiltModels {
  readonly sim: Simulator;
  readonly requests: RequestTable;
  readonly outcomes: Outcomes;
  readonly servers: ServerRegistry;
  readonly group: AutoScalingGroup;
  readonly billing: BillingMeter;
  readonly activity: ActivityLog;
  readonly sampler: PeriodSampler;
  readonly scaling: BuiltScaling;
  readonly loadBalancerCost: LoadBalancerCostMeter;
  readonly loadBalancer: LoadBalancer<Server>;
  /** Simulated end time, seconds. */
  readonly endTime: number;
  /** Each replayed trace that ends by itself, for a warning when its traffic stops before the run does. */
  readonly finiteTraces: readonly FiniteTrace[];
  /**
   * Simulated time when the arrivals end by themselves: a trace that does not loop; Infinity when
   * they never do, or for a per-request file in a run with a duration (only a pass over the whole
   * file would tell). A run with a duration past it has no traffic after it.
   */
  readonly arrivalsEnd: number;
  /** The trace file whose span sets arrivalsEnd, and that span, for a message. */
  readonly endsWith?: string;
  /** Releases open trace files. */
  close(): void;
  /** Malformed lines skipped so far in the per-request files replayed (skip_bad_lines). */
  skippedTraceLines(): number;
}

/**
 * Wires the scenario's models on a fresh engine, ready to run from time 0; throws a
 * ScenarioError, before anything starts, for a run that could not finish (feasibility.ts).
 */
export function buildModels(scenario: Scenario, maxEvents?: number): BuiltModels {
  const sim = new Simulator();
  const rng = new RandomStreams(scenario.seed);
  const requests = new RequestTable();
  const outcomes = new Outcomes(scenario.warmup);
  const billing = new BillingMeter();
  const activity = new ActivityLog();
  const lbs = singleResources(scenario).loadBalancer.config;
  // A request fails at the client's timeout or the load balancer's idle timeout, whichever comes first.
  const requestTimeout = scenario.workload.request_timeout ?? Infinity;
  const idleTimeout = lbs.idle_timeout ?? DEFAULT_IDLE_TIMEOUT[lbs.type];
  const servers = new ServerRegistry(
    sim,
    requests,
    outcomes,
    Math.min(requestTimeout, idleTimeout),
    requestTimeout <= idleTimeout ? Cause.timeout : Cause.http_504,
    meanServiceTime(scenario),
    lbs.connect_timeout,
  );
  const { loadBalancer: lb, targetGroup } = buildLoadBalancer(sim, scenario, rng, requests, outcomes, activity);
  const group = new AutoScalingGroup(sim, [targetGroup], servers, billing, activity, groupConfig(scenario, rng), rng.stream('asg.decisions'));

  const { arrivals, closeArrivals, span, readers, ends, finiteTraces, expectedBy } = buildArrivals(scenario, rng);
  const serviceTime = buildServiceTime(scenario.workload.service_time, readers[0], rng.stream('workload.service_time'));
  const workload = new Workload(sim, arrivals, serviceTime, requests, outcomes, lb);
  const sampler = new PeriodSampler(sim, scenario.output.period, outcomes, servers, group, targetGroup, (now) => billing.totalAt(now) + loadBalancerCost.usdAt(now));
  const scaling = buildScaling(sim, scenario, group, targetGroup, lb, outcomes);
  const faults = new FaultInjector(sim, group, scenario.faults, rng.stream('faults'), activity);
  const manualActions = new ManualActions(sim, group, scenario.actions.flatMap(manualAction), activity);
  const loadBalancerCost = new LoadBalancerCostMeter(sim, lb, outcomes, lbs.type, lbs.requests_per_connection, lbs.bytes_per_request);
  const endTime = scenario.duration ?? span;
  const expectedArrivals = expectedBy(endTime);
  // Checked before the components start: the first arrival of an MMPP whose states last next to
  // nothing would already take forever to find.
  const infeasible = feasibilityProblem(scenario, endTime, expectedArrivals, maxEvents);
  if (infeasible) {
    closeArrivals();
    throw new ScenarioError([{ file: `scenario ${scenario.name}`, ...infeasible }]);
  }
  group.start();
  workload.start();
  sampler.start();
  scaling.start();
  faults.start();
  manualActions.start();
  loadBalancerCost.start();
  const skippedTraceLines = () => readers.reduce((n, r) => n + r.badLines, 0);
  return { sim, requests, outcomes, servers, group, billing, activity, sampler, scaling, loadBalancerCost, loadBalancer: lb, endTime, arrivalsEnd: span, endsWith: ends, finiteTraces, close: closeArrivals, skippedTraceLines };
}

/** The group's settings; a fixed fleet is a group with min = max = desired. */
function groupConfig(scenario: Scenario, rng: RandomStreams): GroupConfig {
  const { group } = singleResources(scenario);
  const asg = group.config;
  const typeInfo = INSTANCE_TYPES[asg.instance_type];
  return {
    name: group.name,
    instanceType: asg.instance_type,
    vcpus: typeInfo.vcpus,
    workers: asg.workers ?? typeInfo.vcpus,
    queueLimit: asg.queue_limit === 'unbounded' ? Infinity : asg.queue_limit,
    minSize: asg.min,
    maxSize: asg.max,
    desiredCapacity: asg.desired ?? asg.min,
    availabilityZones: asg.availability_zones,
    launchTime: makeSampler(toDistribution(asg.launch_time), rng.stream('asg.launch_time')),
    // Section 1.4: without a default instance warmup, policies fall back to the default cooldown.
    instanceWarmup: asg.default_instance_warmup ?? asg.default_cooldown,
    terminationPolicies: asg.termination_policies,
    newInstancesProtectedFromScaleIn: asg.new_instances_protected_from_scale_in,
    lifecycleHooks: asg.lifecycle_hooks.map((h, i) => {
      // Each hook draws from its own stream: adding a hook changes no other component's draws.
      const uniform = rng.stream(`asg.lifecycle_hook.${i}.${h.name}`);
      return {
        name: h.name,
        uniform,
        transition: h.transition,
        duration: makeSampler(toDistribution(h.duration), uniform),
        durationLeavingWarmPool: makeSampler(toDistribution(h.duration_leaving_warm_pool ?? h.duration), uniform),
        heartbeatTimeout: h.heartbeat_timeout,
        defaultResult: h.default_result,
        actionResult: h.action_result,
        failureProbability: h.failure_probability,
      };
    }),
    healthCheckType: asg.health_check.type,
    healthCheckGracePeriod: asg.health_check.grace_period,
    impairedTolerance: asg.health_check.impaired_tolerance,
    warmPool: asg.warm_pool && {
      minSize: asg.warm_pool.min_size,
      maxGroupPreparedCapacity: asg.warm_pool.max_group_prepared_capacity,
      poolState: asg.warm_pool.pool_state,
      reuseOnScaleIn: asg.warm_pool.reuse_on_scale_in,
      warmStartTime: makeSampler(
        toDistribution(asg.warm_pool.warm_start_time ?? { dist: 'constant', value: DEFAULT_WARM_START_SECONDS[asg.warm_pool.pool_state] }),
        rng.stream('asg.warm_start_time'),
      ),
      volumeGiB: asg.warm_pool.volume_gib,
    },
  };
}

interface BuiltArrivals {
  readonly arrivals: ArrivalProcess;
  readonly closeArrivals: () => void;
  /** When the arrivals end by themselves (Infinity: never). */
  readonly span: number;
  /** The per-request files replayed. */
  readonly readers: readonly RequestTimesReader[];
  /** What ends the arrivals at `span`, for a message: the trace file and its span. */
  readonly ends?: string;
  readonly finiteTraces: readonly FiniteTrace[];
  /**
   * Upper estimate of the events the arrivals cause by a time: arrivals at the peak rate (a
   * thinned process draws its candidates at that rate), plus MMPP state changes. A request
   * file's lines are bounded by its size and counted as 0.
   */
  readonly expectedBy: (time: number) => number;
}

function buildArrivals(scenario: Scenario, rng: RandomStreams): BuiltArrivals {
  const a = scenario.workload.arrivals;
  if (a.type !== 'combined') return buildOne(a, scenario, rng.stream('workload.arrivals'), 'workload.arrivals');
  // Each part has its own stream, so that adding a part does not change the others' arrivals.
  const parts = a.parts.map((p, i) => buildOne(p, scenario, rng.stream(`workload.arrivals.${i}`), `workload.arrivals.parts[${i}]`));
  return {
    arrivals: new Superposition(parts.map((p) => p.arrivals)),
    closeArrivals: () => parts.forEach((p) => p.closeArrivals()),
    span: Math.max(...parts.map((p) => p.span)),
    readers: parts.flatMap((p) => p.readers),
    finiteTraces: parts.flatMap((p) => p.finiteTraces),
    ends: parts.reduce((a, b) => (b.span > a.span ? b : a)).ends,
    expectedBy: (time) => parts.reduce((n, p) => n + p.expectedBy(time), 0),
  };
}

function buildOne(a: Exclude<ArrivalsConfig, { type: 'combined' }>, scenario: Scenario, uniform: Uniform, path: string): BuiltArrivals {
  const unending = (arrivals: ArrivalProcess, perSecond: number): BuiltArrivals => ({
    arrivals,
    closeArrivals: () => {},
    span: Infinity,
    readers: [],
    finiteTraces: [],
    expectedBy: (time) => perSecond * time,
  });
  // The schema requires a duration with these arrivals: they never end by themselves.
  const thinned = (f: RateFunction) =>
    unending(new RateFunctionArrivals(f.rateAt, f.maxRate, uniform, scenario.duration ?? Infinity), f.maxRate);
  switch (a.type) {
    case 'poisson':
      return unending(new PoissonArrivals(a.rate, uniform), a.rate);
    case 'trace': {
      const trace = readRateCsv(a.file);
      const options = { scale: a.scale, speedup: a.speedup, loop: a.loop, exact: a.exact, offset: a.offset, horizon: scenario.duration ?? Infinity };
      const end = trace.start + trace.counts.length * trace.bucket;
      if (!a.loop && a.offset >= end) throw offsetPastEnd(a.file, trace.start, end, a.offset);
      const arrivals = new TraceReplay(trace, options, uniform);
      const span = a.loop ? Infinity : TraceReplay.span(trace, options);
      const ends = a.loop ? undefined : describeTraceSpan(a.file, trace.start, end, a.offset);
      const finiteTraces = a.loop ? [] : [{ path, file: a.file, end: () => span, exactEnd: true }];
      // Each bucket is a change of arrival state, walked even when it holds no request: a looping
      // trace of counts near 0 would otherwise pass the estimate and walk billions of buckets.
      const perPass = trace.counts.reduce((n, c) => n + c, 0) * a.scale + trace.counts.length;
      // A looping trace replays its whole span (from the start, at the speedup) again and again.
      const pass = (trace.counts.length * trace.bucket) / a.speedup;
      const expectedBy = (time: number) => perPass * (a.loop ? Math.ceil(time / pass) + 1 : 1);
      return { arrivals, closeArrivals: () => {}, span, readers: [], ends, finiteTraces, expectedBy };
    }
    case 'requests': {
      const options = requestFileOptions(a);
      // Only a run without a duration needs the file's span: a pass over the whole file, since
      // its last arrival may sit on any line within the reorder window of the end.
      // With a duration, RequestReplay finds an offset past the end as it skips to it.
      const scan = scenario.duration === undefined ? scanRequestFile(a.file, options) : undefined;
      if (scan && a.offset >= scan.last) throw offsetPastEnd(a.file, scan.first, scan.last, a.offset);
      const span = scan ? (scan.last - a.offset) / a.speedup : Infinity;
      const reader = new RequestTimesReader(a.file, options);
      const ends = scan && describeTraceSpan(a.file, scan.first, scan.last, a.offset);
      const replay = new RequestReplay(reader, a.speedup, a.offset);
      const finiteTraces = [{ path, file: a.file, end: () => replay.lastArrival, exactEnd: false }];
      return { arrivals: replay, closeArrivals: () => reader.close(), span, readers: [reader], ends, finiteTraces, expectedBy: () => 0 };
    }
    case 'diurnal': {
      const start = new Date(scenario.start);
      return thinned(
        diurnalRate({
          mean: a.mean,
          amplitude: a.amplitude,
          peakHour: a.peak_hour,
          weekendFactor: a.weekend_factor,
          startDay: start.getUTCDay(),
          startHour: start.getUTCHours() + start.getUTCMinutes() / 60 + start.getUTCSeconds() / 3600,
        }),
      );
    }
    case 'flash_crowd':
      return thinned(flashCrowdRate({ base: a.base, peak: a.peak, at: a.at, ramp: a.ramp, plateau: a.plateau, decay: a.decay }));
    case 'step':
      return thinned(stepRate(a.steps.map((st) => st.at), a.steps.map((st) => st.rate)));
    case 'mmpp': {
      // Arrivals at the busiest state's rate, plus a state change per shortest mean duration.
      const perSecond = a.states.reduce((r, st) => Math.max(r, st.rate), 0) + 1 / a.states.reduce((d, st) => Math.min(d, st.mean_duration), Infinity);
      return unending(
        new MmppArrivals(
          a.states.map((st) => ({ rate: st.rate, meanDuration: st.mean_duration })),
          uniform,
          scenario.duration ?? Infinity,
        ),
        perSecond,
      );
    }
  }
}

/** A scenario's Auto Scaling call in the model's (AWS's) terms; none for a ModifyRule, which the listener takes. */
function manualAction(a: Scenario['actions'][number]): ManualActionConfig | [] {
  switch (a.type) {
    case 'modify_rule':
      // One target group (single-resource.ts): a rule can only keep forwarding to it.
      return [];
    case 'set_desired_capacity':
      return { type: a.type, at: a.at, desiredCapacity: a.desired_capacity };
    case 'terminate_instance':
      return { type: a.type, at: a.at, instance: a.instance, shouldDecrementDesiredCapacity: a.should_decrement_desired_capacity };
    case 'complete_lifecycle_action':
      return { type: a.type, at: a.at, instance: a.instance, lifecycleHookName: a.lifecycle_hook_name, lifecycleActionResult: a.lifecycle_action_result };
    case 'record_lifecycle_action_heartbeat':
      return { type: a.type, at: a.at, instance: a.instance, lifecycleHookName: a.lifecycle_hook_name };
    case 'enter_standby':
      return { type: a.type, at: a.at, instance: a.instance, shouldDecrementDesiredCapacity: a.should_decrement_desired_capacity };
    case 'exit_standby':
      return { type: a.type, at: a.at, instance: a.instance };
  }
}
