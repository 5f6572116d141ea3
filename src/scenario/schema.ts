import { z } from 'zod';
import { INSTANCE_TYPES } from '../models/compute/instance-types.ts';
import { DEFAULT_QUEUE_LIMIT } from '../models/compute/queue-limit.ts';
import { DEFAULT_HEARTBEAT_TIMEOUT, DEFAULT_RESULT, HEARTBEAT_TIMEOUT_RANGE } from '../models/autoscaling/lifecycle-hooks.ts';
import { DEFAULT_IMPAIRED_TOLERANCE } from '../models/autoscaling/group.ts';
import { DEFAULT_COOLDOWN } from '../models/autoscaling/policies/simple-scaling.ts';
import { TERMINATION_POLICIES } from '../models/autoscaling/termination-policy.ts';
import { DEFAULT_DEREGISTRATION_DELAY } from '../models/elb/load-balancer.ts';
import { DEFAULT_DNS_TTL } from '../models/elb/node-dns.ts';
import { DEFAULT_CONNECT_TIMEOUT } from '../models/elb/connect-timeout.ts';
import { ALB_DEFAULTS, healthCheckConfigErrors, NLB_DEFAULTS, type HealthCheckConfig } from '../models/elb/health/health-check-config.ts';
import { slowStartErrors } from '../models/elb/routing/slow-start.ts';
import { DEFAULT_LB_COOKIE_DURATION_SECONDS, LB_COOKIE_DURATION_RANGE } from '../models/elb/routing/sticky-sessions.ts';
import { HAS_SERVICE_TIME, REQUEST_LOG_FORMATS } from '../models/workload/traces/request-log-format.ts';
import { DURATION_HELP } from './duration.ts';
import { duration, positiveDuration } from './duration-schema.ts';
import { bounded, factor, instanceCount } from './bounded.ts';
import { MAX_CONNECTIONS, MAX_DURATION_SECONDS, MAX_LOGNORMAL_SIGMA, MAX_VOLUME_GIB } from './limits.ts';
import { policySchema } from './policy-schema.ts';

/**
 * The scenario format: one zod schema gives validation, the TypeScript types and the JSON Schema
 * that `fleetsim schema` prints. Durations are parsed to seconds here, at the edge.
 */

const constantDist = z.strictObject({ dist: z.literal('constant'), value: duration });
const exponentialDist = z.strictObject({ dist: z.literal('exponential'), mean: positiveDuration });
const uniformDist = z
  .strictObject({ dist: z.literal('uniform'), min: duration, max: duration })
  .refine((d) => d.min <= d.max, { error: 'min must not exceed max', path: ['max'] });
const normalDist = z.strictObject({ dist: z.literal('normal'), mean: positiveDuration, stddev: duration });
const lognormalDist = z
  .strictObject({
    dist: z.literal('lognormal'),
    median: positiveDuration.optional(),
    p99: positiveDuration.optional(),
    mu: bounded(-Infinity, Math.log(MAX_DURATION_SECONDS), 'a median of at most MAX_DURATION_SECONDS').optional(),
    sigma: bounded(0, MAX_LOGNORMAL_SIGMA, 'MAX_LOGNORMAL_SIGMA').optional(),
  })
  .superRefine((d, ctx) => {
    const byQuantiles = d.median !== undefined || d.p99 !== undefined;
    const byParams = d.mu !== undefined || d.sigma !== undefined;
    if (byQuantiles === byParams || (byQuantiles && (d.median === undefined || d.p99 === undefined)) ||
        (byParams && (d.mu === undefined || d.sigma === undefined))) {
      ctx.addIssue({ code: 'custom', message: 'give either median and p99, or mu and sigma (of the log of seconds)' });
    } else if (byQuantiles && d.p99! < d.median!) {
      ctx.addIssue({ code: 'custom', path: ['p99'], message: 'p99 must not be below median' });
    }
  });
const empiricalDist = z.strictObject({ dist: z.literal('empirical'), values: z.array(duration).min(1) });

const distributionSchema = z.discriminatedUnion('dist', [
  constantDist,
  exponentialDist,
  uniformDist,
  normalDist,
  lognormalDist,
  empiricalDist,
]);

/** Each request's own service time, from a request log that records one (ALB: target_processing_time). */
const fromTraceServiceTime = z.strictObject({
  dist: z.literal('from_trace'),
  /** For requests whose line records none (target_processing_time -1); default: such a request is an error. */
  missing: distributionSchema.optional(),
  /**
   * Multiplies each logged time, to replay a log taken on one instance type onto another (0.5: the
   * simulated fleet does the work in half the time). `missing` draws are not scaled.
   */
  scale: factor().default(1),
});

const serviceTimeSchema = z.discriminatedUnion('dist', [distributionSchema, fromTraceServiceTime]);

const poissonArrivals = z.strictObject({
  type: z.literal('poisson'),
  /** Requests per second. */
  rate: z.number().positive(),
});

const traceArrivals = z.strictObject({
  type: z.literal('trace'),
  /** Rate CSV with header time_s,requests; relative to the scenario file's folder. */
  file: z.string().min(1),
  scale: factor().default(1),
  speedup: factor().default(1),
  loop: z.boolean().default(false),
  exact: z.boolean().default(false),
  /** Trace time that simulated time 0 corresponds to. */
  offset: duration.default(0),
});

const requestArrivals = z.strictObject({
  type: z.literal('requests'),
  /**
   * One request per line: a time_s file, a Common/Combined Log Format log or an ALB access log,
   * gzip-compressed or not; relative to the scenario file's folder.
   */
  file: z.string().min(1),
  /** times, clf or alb; default: told by the file's first non-empty line. */
  format: z.enum(REQUEST_LOG_FORMATS).optional(),
  speedup: factor().default(1),
  offset: duration.default(0),
  /** Count malformed lines (summary.json requests.skipped_trace_lines) and go on, instead of stopping at the first. */
  skip_bad_lines: z.boolean().default(false),
  /** How far back in time a line may go: access logs are written as requests finish. Default: 0 for time_s files, 60 s for access logs. */
  reorder_window: duration.optional(),
});

/** A daily sinusoid around a mean, with a weekend factor (days from the scenario's `start`, UTC). */
const diurnalArrivals = z.strictObject({
  type: z.literal('diurnal'),
  mean: z.number().positive(),
  /** Peak-to-mean swing as a fraction of the mean: 0.5 peaks at 1.5 x mean. */
  amplitude: z.number().min(0).max(1),
  /** Hour of the peak, UTC. */
  peak_hour: z.number().min(0).max(24).default(14),
  /** Saturdays and Sundays run at this multiple. */
  weekend_factor: z.number().nonnegative().default(1),
});

const flashCrowdArrivals = z.strictObject({
  type: z.literal('flash_crowd'),
  base: z.number().nonnegative(),
  peak: z.number().positive(),
  at: duration,
  ramp: duration.default(300),
  plateau: duration.default(1800),
  /** Time constant of the exponential decay back to the base. */
  decay: positiveDuration.default(1200),
});

const stepArrivals = z
  .strictObject({
    type: z.literal('step'),
    steps: z.array(z.strictObject({ at: duration, rate: z.number().nonnegative() })).min(1),
  })
  .superRefine((p, ctx) => {
    if (p.steps[0].at !== 0) ctx.addIssue({ code: 'custom', path: ['steps', 0, 'at'], message: 'the first step starts at 0' });
    p.steps.forEach((st, i) => {
      if (i > 0 && st.at <= p.steps[i - 1].at) ctx.addIssue({ code: 'custom', path: ['steps', i, 'at'], message: 'steps must be in increasing time' });
    });
  });

/** Bursts: a Markov-modulated Poisson process. */
const mmppArrivals = z.strictObject({
  type: z.literal('mmpp'),
  states: z.array(z.strictObject({ rate: z.number().nonnegative(), mean_duration: positiveDuration })).min(1),
});

const singleArrivalShapes = [
  poissonArrivals,
  traceArrivals,
  requestArrivals,
  diurnalArrivals,
  flashCrowdArrivals,
  stepArrivals,
  mmppArrivals,
] as const;

/** Several independent arrival processes merged: a real day plus a flash crowd at 14:00. */
const combinedArrivals = z.strictObject({
  type: z.literal('combined'),
  parts: z.array(z.discriminatedUnion('type', [...singleArrivalShapes])).min(1),
});

const arrivalsSchema = z.discriminatedUnion('type', [...singleArrivalShapes, combinedArrivals]);

/** The arrivals with skip_bad_lines set on every per-request file (the command line's --skip-bad-lines). */
export function skippingBadLines(a: z.output<typeof arrivalsSchema>): z.output<typeof arrivalsSchema> {
  if (a.type === 'requests') return { ...a, skip_bad_lines: true };
  if (a.type === 'combined') return { ...a, parts: a.parts.map((p) => (p.type === 'requests' ? { ...p, skip_bad_lines: true } : p)) };
  return a;
}

/** Whether arrivals end by themselves (a trace or a request file that does not loop). */
export function arrivalsEnd(a: z.output<typeof arrivalsSchema>): boolean {
  if (a.type === 'requests') return true;
  if (a.type === 'trace') return !a.loop;
  if (a.type === 'combined') return a.parts.every((p) => arrivalsEnd(p));
  return false;
}

/** An instance by the id activity.csv gives it: i- and 17 hex digits, numbered in launch order from i-00000000000000000. */
const instanceIdSchema = z.string().regex(/^i-[0-9a-f]{17}$/, { error: 'expected an instance id such as i-00000000000000003' });

/** What a fault on instances may hit: one instance by id, or the instances of one AZ; default any. */
const faultAim = {
  instance: instanceIdSchema.optional(),
  az: z.string().min(1).optional(),
};

/** An operator's call to the Auto Scaling API at a time (models/autoscaling/manual-actions.ts). */
const manualActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('set_desired_capacity'), at: duration, desired_capacity: z.number().int().nonnegative() }),
  z.strictObject({
    type: z.literal('terminate_instance'),
    at: duration,
    instance: instanceIdSchema,
    /** AWS requires it: lower desired capacity by one (true), or launch a replacement (false). */
    should_decrement_desired_capacity: z.boolean(),
  }),
  z.strictObject({
    type: z.literal('complete_lifecycle_action'),
    at: duration,
    instance: instanceIdSchema,
    lifecycle_hook_name: z.string().min(1),
    lifecycle_action_result: z.enum(['CONTINUE', 'ABANDON']),
  }),
  z.strictObject({ type: z.literal('record_lifecycle_action_heartbeat'), at: duration, instance: instanceIdSchema, lifecycle_hook_name: z.string().min(1) }),
  z.strictObject({ type: z.literal('enter_standby'), at: duration, instance: instanceIdSchema, should_decrement_desired_capacity: z.boolean() }),
  z.strictObject({ type: z.literal('exit_standby'), at: duration, instance: instanceIdSchema }),
]);

const faultSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('instance_crash'),
    at: duration,
    count: z.number().int().min(1).default(1),
    /** process: connections refused (502 at once); host: unreachable (connect timeout, then 504). */
    kind: z.enum(['process', 'host']).default('process'),
    ...faultAim,
  }),
  z.strictObject({
    type: z.literal('slow_instance'),
    at: duration,
    count: z.number().int().min(1).default(1),
    /** Service times are multiplied by this. */
    factor: z.number().min(1).pipe(factor()),
    /** Default: to the end of the run. */
    duration: positiveDuration.default(Infinity),
    ...faultAim,
  }),
  z.strictObject({
    type: z.literal('instance_hang'),
    at: duration,
    count: z.number().int().min(1).default(1),
    /** Default: to the end of the run. */
    duration: positiveDuration.default(Infinity),
    ...faultAim,
  }),
  z.strictObject({ type: z.literal('az_outage'), at: duration, az: z.string().min(1), duration: positiveDuration.default(Infinity) }),
]);

const instanceTypeNames = Object.keys(INSTANCE_TYPES) as [string, ...string[]];

/**
 * Launch to boot complete. AWS publishes no figure (aws-semantics.md section 12): third-party
 * measurements give about 26 s from launch to SSH; an application still has to start. The default,
 * a lognormal with median 60 s and p99 150 s, is an [INFERRED] allowance for both.
 */
export const DEFAULT_LAUNCH_TIME = { dist: 'lognormal', median: 60, p99: 150 } as const;

const lifecycleHookSchema = z.strictObject({
  name: z.string().min(1),
  transition: z.enum(['launching', 'terminating']),
  /** How long the user's action takes. */
  duration: distributionSchema.default({ dist: 'constant', value: 0 }),
  /** When the instance leaves a warm pool (the hook fires again then); default: duration. */
  duration_leaving_warm_pool: distributionSchema.optional(),
  /** Section 6: default 3600 s, range 30 to 7200 s. */
  heartbeat_timeout: duration.pipe(z.number().min(HEARTBEAT_TIMEOUT_RANGE[0]).max(HEARTBEAT_TIMEOUT_RANGE[1])).default(DEFAULT_HEARTBEAT_TIMEOUT),
  /** Section 6: ABANDON by default. */
  default_result: z.enum(['CONTINUE', 'ABANDON']).default(DEFAULT_RESULT),
  /** What the action reports when it completes before the timeout. */
  action_result: z.enum(['CONTINUE', 'ABANDON']).default('CONTINUE'),
  /** Share of actions that never complete, so that the default result applies at the timeout. */
  failure_probability: z.number().min(0).max(1).default(0),
});

const autoscalingSchema = z.strictObject({
  min: instanceCount(0),
  max: instanceCount(1),
  /** Default: min. */
  desired: instanceCount(0).optional(),
  /** Overrides fleet.availability_zones. */
  availability_zones: z.array(z.string().min(1)).min(1).optional(),
  launch_time: distributionSchema.default(DEFAULT_LAUNCH_TIME),
  health_check: z
    .strictObject({
      type: z.enum(['EC2', 'ELB']).default('EC2'),
      /** Section 1.3: 0 s through the API (the console suggests 300 s). */
      grace_period: duration.default(0),
      /** How long failing status checks are tolerated: "a few minutes" (section 1.3) [INFERRED]. */
      impaired_tolerance: duration.default(DEFAULT_IMPAIRED_TOLERANCE),
    })
    .prefault({}),
  /** Section 1.4: unset by default; policies then fall back to default_cooldown. */
  default_instance_warmup: duration.pipe(z.number().max(3600)).optional(),
  /** Section 1.5: 300 s. */
  default_cooldown: duration.default(DEFAULT_COOLDOWN),
  /** Period of the group's metrics and alarms: 60 s, or 10 or 30 s for high resolution (section 2.1). */
  metrics_period: duration
    .pipe(z.union([z.literal(10), z.literal(30), z.literal(60)], { error: 'accepted: 10s, 30s or 60s' }))
    .default(60),
  termination_policies: z.array(z.enum(TERMINATION_POLICIES)).min(1).default(['Default']),
  new_instances_protected_from_scale_in: z.boolean().default(false),
  lifecycle_hooks: z.array(lifecycleHookSchema).default([]),
  warm_pool: z
    .strictObject({
      /** Section 5: 0 by default. */
      min_size: instanceCount(0).default(0),
      /** Section 5: unset means the group's max. */
      max_group_prepared_capacity: instanceCount(0).optional(),
      /** Section 5: Stopped by default. */
      pool_state: z.enum(['Stopped', 'Running', 'Hibernated']).default('Stopped'),
      reuse_on_scale_in: z.boolean().default(false),
      /** From leaving the pool to booted; default 30 s stopped or hibernated, 0 running ([OBSERVED], section 5). */
      warm_start_time: distributionSchema.optional(),
      /** Root volume billed while stopped or hibernated (8 GiB: the Amazon Linux AMIs' default root volume). */
      volume_gib: z.number().positive().pipe(bounded(0, MAX_VOLUME_GIB, 'MAX_VOLUME_GIB')).default(8),
    })
    .optional(),
  policies: z.array(policySchema).default([]),
});

/** Simulated time 0 when a scenario gives no start: a Monday, 00:00 UTC. */
const DEFAULT_START = '2026-03-02T00:00:00Z';

const DEFAULT_AVAILABILITY_ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

export const scenarioSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
      error: 'expected a name of letters, digits, ".", "_" or "-" (it names the output folder)',
    }),
    description: z.string().optional(),
    /** Wall-clock instant of simulated time 0, for scheduled actions and time zones. */
    start: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time such as 2026-03-02T00:00:00Z' }).default(DEFAULT_START),
    seed: z.number().int().nonnegative().default(1),
    /** Simulated time; optional for a trace replay that does not loop (then: the trace's span). */
    duration: positiveDuration.optional(),
    /** Requests arriving before this are served but left out of latency statistics. */
    warmup: duration.default(0),
    workload: z
      .strictObject({
        arrivals: arrivalsSchema,
        /** Seconds of one vCPU per request. */
        service_time: serviceTimeSchema,
      })
      .superRefine((w, ctx) => {
        if (w.service_time.dist !== 'from_trace') return;
        const a = w.arrivals;
        if (a.type !== 'requests' || (a.format !== undefined && !HAS_SERVICE_TIME[a.format])) {
          ctx.addIssue({
            code: 'custom',
            path: ['service_time', 'dist'],
            message: 'from_trace needs arrivals of type requests from a log that records service times (format alb)',
          });
        }
      }),
    fleet: z.strictObject({
      instance_type: z.enum(instanceTypeNames),
      /** A fixed fleet: this many instances for the whole run. Give this or autoscaling. */
      instances: instanceCount(1).optional(),
      autoscaling: autoscalingSchema.optional(),
      /** Requests served at once per instance; default: the type's vCPUs. */
      workers: z.number().int().min(1).optional(),
      /** Requests waiting per instance; default DEFAULT_QUEUE_LIMIT; `unbounded` keeps every one (memory grows with the queue). */
      queue_limit: z
        .union([z.number().int().nonnegative(), z.literal('unbounded')], { error: 'expected a whole number of requests (0 or more) or "unbounded"' })
        .default(DEFAULT_QUEUE_LIMIT),
      request_timeout: positiveDuration.optional(),
      availability_zones: z.array(z.string().min(1)).min(1).default(DEFAULT_AVAILABILITY_ZONES),
    }),
    load_balancer: z
      .strictObject({
        name: z.string().min(1).default('lb'),
        type: z.enum(['alb', 'nlb']).default('alb'),
        /** Default: round_robin (ALB), flow_hash (NLB) (section 7.4). */
        algorithm: z.enum(['round_robin', 'least_outstanding_requests', 'weighted_random', 'random', 'flow_hash']).optional(),
        /** weighted_random only (section 7.4); default off. */
        anomaly_mitigation: z.boolean().default(false),
        /** ALB duration-based stickiness (lb_cookie): a client sticks to its target this long (1 s to 7 d, 1 d by default). */
        stickiness: z
          .strictObject({
            duration: positiveDuration
              .pipe(z.number().min(LB_COOKIE_DURATION_RANGE[0]).max(LB_COOKIE_DURATION_RANGE[1]))
              .default(DEFAULT_LB_COOKIE_DURATION_SECONDS),
          })
          .optional(),
        /** Default: on for ALB, off for NLB (section 7.5). */
        cross_zone: z.boolean().optional(),
        /** How long clients keep the DNS answer that picks their AZ's node when cross-zone is off; 60 s. */
        dns_ttl: duration.default(DEFAULT_DNS_TTL),
        /** Defaults per type (section 7.1). */
        health_check: z
          .strictObject({
            interval: positiveDuration.optional(),
            timeout: positiveDuration.optional(),
            healthy_threshold: z.number().int().optional(),
            unhealthy_threshold: z.number().int().optional(),
          })
          .default({}),
        /** Section 7.2: 300 s, range 0 to 3600 s. */
        deregistration_delay: duration.pipe(z.number().max(3600)).default(DEFAULT_DEREGISTRATION_DELAY),
        /** ALB: 30 to 900 s, 0 (off) by default (section 7.3). */
        slow_start: duration.default(0),
        /** How long the load balancer tries to reach an unreachable target before a 504 (section 7.6: 10 s). */
        connect_timeout: positiveDuration.default(DEFAULT_CONNECT_TIMEOUT),
        /** ALB 60 s by default (1 to 4000 s); NLB's TCP idle timeout is 350 s (section 7.6). */
        idle_timeout: positiveDuration.pipe(z.number().min(1).max(4000)).optional(),
        /**
         * Client connections, for the NLB flow hash and LCU billing: how many are open at once and
         * how many requests each carries on average ([INFERRED] defaults: browsers and SDKs keep
         * connections alive for many requests).
         */
        connections: z.number().int().min(1).pipe(bounded(1, MAX_CONNECTIONS, 'MAX_CONNECTIONS')).default(1000),
        requests_per_connection: z.number().min(1).default(100),
        /** Request plus response size, for processed-bytes capacity units (section 7.8) [INFERRED]. */
        bytes_per_request: z.number().nonnegative().default(10_000),
      })
      // prefault: an absent load_balancer is parsed as {}, so the defaults above are written once.
      .prefault({}),
    faults: z.array(faultSchema).default([]),
    /** Manual actions on the group: SetDesiredCapacity, TerminateInstanceInAutoScalingGroup, CompleteLifecycleAction, RecordLifecycleActionHeartbeat, EnterStandby, ExitStandby. */
    actions: z.array(manualActionSchema).default([]),
    output: z
      .strictObject({
        /** Time-series row width. */
        period: positiveDuration.default(60),
      })
      .prefault({}),
    /**
     * The service level `fleetsim compare`, `sweep` and `optimize` hold each run to (their
     * `slo_met` figure); a scenario without the section is held to its defaults.
     */
    slo: z
      .strictObject({
        /** Upper bound on latency_ms.p99; unbounded when absent. */
        latency_p99: positiveDuration.optional(),
        /** Upper bound on requests.failed / requests.arrived. */
        error_rate: z.number().min(0).max(1).default(0.001),
      })
      .prefault({}),
  })
  .superRefine((s, ctx) => {
    const fleet = s.fleet;
    if ((fleet.instances === undefined) === (fleet.autoscaling === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fleet'],
        message: 'give either instances (a fixed fleet) or autoscaling (an Auto Scaling group), not both',
      });
    }
    const asg = fleet.autoscaling;
    if (asg && asg.policies.filter((p) => p.type === 'predictive').length > 1) {
      ctx.addIssue({ code: 'custom', path: ['fleet', 'autoscaling', 'policies'], message: 'at most one predictive policy per group' });
    }
    if (asg) {
      if (asg.min > asg.max) ctx.addIssue({ code: 'custom', path: ['fleet', 'autoscaling', 'max'], message: `must be at least min (${asg.min})` });
      if (asg.desired !== undefined && (asg.desired < asg.min || asg.desired > asg.max)) {
        ctx.addIssue({ code: 'custom', path: ['fleet', 'autoscaling', 'desired'], message: `must be between min (${asg.min}) and max (${asg.max})` });
      }
      // PutScheduledUpdateGroupAction refuses a StartTime in the past; a one-off action before
      // simulated time 0 would otherwise never run, and nothing would say so.
      asg.policies.forEach((p, i) => {
        if (p.type !== 'scheduled' || p.recurrence !== undefined || p.start_time === undefined || !(Date.parse(p.start_time) < Date.parse(s.start))) return;
        ctx.addIssue({
          code: 'custom',
          path: ['fleet', 'autoscaling', 'policies', i, 'start_time'],
          message: `found ${p.start_time}, before the scenario's start (${s.start}); a one-off action must not start in the past (AWS PutScheduledUpdateGroupAction refuses it)`,
        });
      });
    }
    const lb = s.load_balancer;
    for (const p of loadBalancerProblems(lb)) ctx.addIssue({ code: 'custom', path: ['load_balancer', ...p.path], message: p.message });
    const zones = fleet.autoscaling?.availability_zones ?? fleet.availability_zones;
    s.faults.forEach((f, i) => {
      if (f.az !== undefined && !zones.includes(f.az)) {
        ctx.addIssue({ code: 'custom', path: ['faults', i, 'az'], message: `found "${f.az}"; accepted: the fleet's zones (${zones.join(', ')})` });
      }
      if (f.type !== 'az_outage' && f.instance !== undefined && (f.az !== undefined || f.count !== 1)) {
        ctx.addIssue({ code: 'custom', path: ['faults', i, 'instance'], message: 'names one instance: give it without az and with count 1' });
      }
    });
    if (s.duration === undefined && !arrivalsEnd(s.workload.arrivals)) {
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message: `missing; required unless the arrivals are a trace or request file that does not loop (expected ${DURATION_HELP})`,
      });
    }
    // Only compare valid durations: an invalid one has its own message already.
    if (s.duration !== undefined && s.duration > 0 && s.warmup >= 0 && s.warmup >= s.duration) {
      ctx.addIssue({ code: 'custom', path: ['warmup'], message: 'must be shorter than duration' });
    }
  });

/** The scenario key of each health-check setting. */
const HEALTH_CHECK_KEYS: Record<keyof HealthCheckConfig, string> = {
  intervalSeconds: 'interval',
  timeoutSeconds: 'timeout',
  healthyThresholdCount: 'healthy_threshold',
  unhealthyThresholdCount: 'unhealthy_threshold',
};

/**
 * What is wrong in a load balancer's settings, where and what: the first problem with its
 * features (later checks depend on the algorithm), else every health-check setting out of range.
 */
function loadBalancerProblems(lb: {
  type: 'alb' | 'nlb';
  stickiness?: object;
  algorithm?: string;
  anomaly_mitigation: boolean;
  slow_start: number;
  health_check: object;
}): { path: string[]; message: string }[] {
  const algorithm = lb.algorithm ?? (lb.type === 'alb' ? 'round_robin' : 'flow_hash');
  const allowed = lb.type === 'alb' ? ['round_robin', 'least_outstanding_requests', 'weighted_random', 'random'] : ['flow_hash', 'random'];
  if (!allowed.includes(algorithm)) return [{ path: ['algorithm'], message: `found "${algorithm}"; accepted for ${lb.type}: ${allowed.join(', ')}` }];
  if (lb.anomaly_mitigation && algorithm !== 'weighted_random') return [{ path: ['anomaly_mitigation'], message: 'only with algorithm weighted_random (section 7.4)' }];
  if (lb.stickiness && lb.type !== 'alb') return [{ path: ['stickiness'], message: 'lb_cookie stickiness is an ALB feature' }];
  if (lb.slow_start > 0) {
    if (lb.type !== 'alb') return [{ path: ['slow_start'], message: 'slow start is an ALB feature (section 7.3)' }];
    const errors = slowStartErrors(lb.slow_start, algorithm);
    if (errors.length > 0) return [{ path: ['slow_start'], message: errors.join('; ') }];
  }
  return healthCheckConfigErrors(healthCheckConfigOf(lb as Scenario['load_balancer'])).map((e) => ({
    path: ['health_check', HEALTH_CHECK_KEYS[e.key]],
    message: e.message,
  }));
}

/** The health-check settings in force: the scenario's, over the defaults of the load balancer's type (section 7.1). */
export function healthCheckConfigOf(lb: Scenario['load_balancer']): HealthCheckConfig {
  const defaults = lb.type === 'alb' ? ALB_DEFAULTS : NLB_DEFAULTS;
  const h = lb.health_check;
  return {
    intervalSeconds: h.interval ?? defaults.intervalSeconds,
    timeoutSeconds: h.timeout ?? defaults.timeoutSeconds,
    healthyThresholdCount: h.healthy_threshold ?? defaults.healthyThresholdCount,
    unhealthyThresholdCount: h.unhealthy_threshold ?? defaults.unhealthyThresholdCount,
  };
}

/** A scenario as written (durations may be strings). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A validated scenario: durations in seconds, defaults filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
export type ArrivalsConfig = Scenario['workload']['arrivals'];
export type DistributionConfig = z.output<typeof distributionSchema>;
export type ServiceTimeConfig = z.output<typeof serviceTimeSchema>;

/** JSON Schema of the scenario format, for editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'fleetsim scenario',
  };
}
