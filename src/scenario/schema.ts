import { z } from 'zod';
import { INSTANCE_TYPES } from '../models/compute/instance-types.ts';
import { DEFAULT_QUEUE_LIMIT } from '../models/compute/queue-limit.ts';
import { DEFAULT_HEARTBEAT_TIMEOUT, DEFAULT_RESULT, HEARTBEAT_TIMEOUT_RANGE } from '../models/autoscaling/lifecycle-hooks.ts';
import { DEFAULT_IMPAIRED_TOLERANCE } from '../models/autoscaling/group.ts';
import { DEFAULT_WARM_START_SECONDS } from '../models/autoscaling/warm-pool.ts';
import { DEFAULT_COOLDOWN } from '../models/autoscaling/policies/simple-scaling.ts';
import { TERMINATION_POLICIES } from '../models/autoscaling/termination-policy.ts';
import { DEFAULT_IDLE_TIMEOUT } from '../models/elb/idle-timeout.ts';
import { DEFAULT_DEREGISTRATION_DELAY } from '../models/elb/target-group.ts';
import { DEFAULT_DNS_TTL } from '../models/elb/node-dns.ts';
import { DEFAULT_CONNECT_TIMEOUT } from '../models/elb/connect-timeout.ts';
import { ALB_DEFAULTS, healthCheckConfigErrors, NLB_DEFAULTS, type HealthCheckConfig } from '../models/elb/health/health-check-config.ts';
import { slowStartErrors } from '../models/elb/routing/slow-start.ts';
import { DEFAULT_LB_COOKIE_DURATION_SECONDS, LB_COOKIE_DURATION_RANGE } from '../models/elb/routing/sticky-sessions.ts';
import { DEFAULT_REORDER_WINDOW, HAS_SERVICE_TIME, REQUEST_LOG_FORMATS } from '../models/workload/traces/request-log-format.ts';
import { DURATION_HELP } from './duration.ts';
import { duration, positiveDuration } from './duration-schema.ts';
import { bounded, factor, instanceCount } from './bounded.ts';
import { MAX_CONNECTIONS, MAX_DURATION_SECONDS, MAX_LOGNORMAL_SIGMA, MAX_VOLUME_GIB } from './limits.ts';
import { policySchema } from './policy-schema.ts';

/**
 * The scenario format: one zod schema gives validation, the TypeScript types and the JSON Schema
 * that `fleetsim schema` prints. Durations are parsed to seconds here, at the edge. A key's
 * `.describe()` is its only documentation: the JSON Schema description editors show on hover
 * (test/scenario/json-schema.test.ts fails for a key without one).
 */

const constantDist = z.strictObject({ dist: z.literal('constant').describe('Constant: every draw is value.'), value: duration.describe('The value, s.') });
const exponentialDist = z.strictObject({ dist: z.literal('exponential').describe('Exponential distribution.'), mean: positiveDuration.describe('Mean, s.') });
const uniformDist = z
  .strictObject({ dist: z.literal('uniform').describe('Uniform between min and max.'), min: duration.describe('Lower bound, s.'), max: duration.describe('Upper bound, s; at least min.') })
  .refine((d) => d.min <= d.max, { error: 'min must not exceed max', path: ['max'] });
const normalDist = z.strictObject({ dist: z.literal('normal').describe('Normal distribution, truncated at 0.'), mean: positiveDuration.describe('Mean, s.'), stddev: duration.describe('Standard deviation, s.') });
const lognormalDist = z
  .strictObject({
    dist: z.literal('lognormal').describe('Lognormal: give median and p99, or mu and sigma.'),
    median: positiveDuration.optional().describe('Median, s; with p99.'),
    p99: positiveDuration.optional().describe('99th percentile, s; with median, not below it.'),
    mu: bounded(-Infinity, Math.log(MAX_DURATION_SECONDS), 'a median of at most MAX_DURATION_SECONDS').optional().describe('Mean of the log of seconds; with sigma.'),
    sigma: bounded(0, MAX_LOGNORMAL_SIGMA, 'MAX_LOGNORMAL_SIGMA').optional().describe(`Standard deviation of the log of seconds, 0 to ${MAX_LOGNORMAL_SIGMA}; with mu.`),
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
const empiricalDist = z.strictObject({ dist: z.literal('empirical').describe('Drawn uniformly from a list of values.'), values: z.array(duration).min(1).describe('The values, s.') });

const distributionSchema = z.discriminatedUnion('dist', [
  constantDist,
  exponentialDist,
  uniformDist,
  normalDist,
  lognormalDist,
  empiricalDist,
]);

const fromTraceServiceTime = z.strictObject({
  dist: z.literal('from_trace').describe("Each request's own service time, from its line of an ALB access log (target_processing_time)."),
  missing: distributionSchema.optional().describe('For requests whose line records none (target_processing_time -1); default: such a request is an error.'),
  scale: factor().default(1).describe('Multiplies each logged time, to replay a log taken on one instance type onto another (0.5: half the time); not the missing draws. Default 1.'),
});

const serviceTimeSchema = z.discriminatedUnion('dist', [distributionSchema, fromTraceServiceTime]);

const SPEEDUP = 'Compresses time: 2 replays the file twice as fast; default 1.';
const OFFSET = 'Trace time where the run starts (simulated time 0), e.g. "3d"; default 0 s.';

const poissonArrivals = z.strictObject({
  type: z.literal('poisson').describe('Poisson arrivals at a constant rate.'),
  rate: z.number().positive().describe('Requests per second.'),
});

const traceArrivals = z.strictObject({
  type: z.literal('trace').describe('Replay of a rate CSV: each bucket as Poisson arrivals at its rate.'),
  file: z.string().min(1).describe("Rate CSV with header time_s,requests; relative to the scenario file's folder."),
  scale: factor().default(1).describe('Multiplies the counts; default 1.'),
  speedup: factor().default(1).describe(SPEEDUP),
  loop: z.boolean().default(false).describe('Start over at the end of the trace; default false.'),
  exact: z.boolean().default(false).describe("Exactly each bucket's count, placed uniformly in the bucket, instead of Poisson arrivals; default false."),
  offset: duration.default(0).describe(OFFSET),
});

const requestArrivals = z.strictObject({
  type: z.literal('requests').describe('One request per line of a file, streamed.'),
  file: z.string().min(1).describe("A time_s file, a Common/Combined Log Format log or an ALB access log, gzip-compressed or not; relative to the scenario file's folder."),
  format: z.enum(REQUEST_LOG_FORMATS).optional().describe("times, clf or alb; default: told by the file's first non-empty line."),
  speedup: factor().default(1).describe(SPEEDUP),
  offset: duration.default(0).describe(OFFSET),
  skip_bad_lines: z.boolean().default(false).describe('Count malformed lines (summary.json requests.skipped_trace_lines) and go on, instead of stopping at the first; default false.'),
  reorder_window: duration.optional().describe(`How far back in time a line may go (access logs are written as requests finish); default ${DEFAULT_REORDER_WINDOW.alb} s for access logs, ${DEFAULT_REORDER_WINDOW.times} s for time_s files.`),
});

const diurnalArrivals = z.strictObject({
  type: z.literal('diurnal').describe("A daily sinusoid around a mean, with a weekend factor (days from the scenario's start, UTC)."),
  mean: z.number().positive().describe('Mean rate, requests per second.'),
  amplitude: z.number().min(0).max(1).describe('Peak-to-mean swing as a fraction of the mean, 0 to 1: 0.5 peaks at 1.5 x mean.'),
  peak_hour: z.number().min(0).max(24).default(14).describe('Hour of the peak, UTC, 0 to 24; default 14.'),
  weekend_factor: z.number().nonnegative().default(1).describe('Saturdays and Sundays run at this multiple; default 1.'),
});

const flashCrowdArrivals = z.strictObject({
  type: z.literal('flash_crowd').describe('A surge: from base up to peak, held, then decaying back.'),
  base: z.number().nonnegative().describe('Rate before and after the surge, requests per second.'),
  peak: z.number().positive().describe('Rate at the top of the surge, requests per second.'),
  at: duration.describe('When the ramp up starts, s.'),
  ramp: duration.default(300).describe('Time from base to peak; default 300 s.'),
  plateau: duration.default(1800).describe('Time held at the peak; default 1800 s.'),
  decay: positiveDuration.default(1200).describe('Time constant of the exponential decay back to the base; default 1200 s.'),
});

const stepArrivals = z
  .strictObject({
    type: z.literal('step').describe('A rate that changes in steps.'),
    steps: z.array(z.strictObject({ at: duration.describe('When this rate starts, s; the first at 0.'), rate: z.number().nonnegative().describe('Requests per second.') })).min(1).describe('The steps, in increasing time.'),
  })
  .superRefine((p, ctx) => {
    if (p.steps[0].at !== 0) ctx.addIssue({ code: 'custom', path: ['steps', 0, 'at'], message: 'the first step starts at 0' });
    p.steps.forEach((st, i) => {
      if (i > 0 && st.at <= p.steps[i - 1].at) ctx.addIssue({ code: 'custom', path: ['steps', i, 'at'], message: 'steps must be in increasing time' });
    });
  });

const mmppArrivals = z.strictObject({
  type: z.literal('mmpp').describe('Bursts: a Markov-modulated Poisson process.'),
  states: z.array(z.strictObject({ rate: z.number().nonnegative().describe('Requests per second in this state.'), mean_duration: positiveDuration.describe('Mean time in this state (exponential), s.') })).min(1).describe('The states; each is held for an exponential time, then another is chosen uniformly.'),
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

const combinedArrivals = z.strictObject({
  type: z.literal('combined').describe('Several independent arrival processes merged: a real day plus a flash crowd at 14:00.'),
  parts: z.array(z.discriminatedUnion('type', [...singleArrivalShapes])).min(1).describe('The arrival processes, of any type but combined.'),
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
const instanceIdSchema = z
  .string()
  .regex(/^i-[0-9a-f]{17}$/, { error: 'expected an instance id such as i-00000000000000003' })
  .describe("An instance's id as activity.csv names it, in launch order: i-00000000000000000, i-00000000000000001, ...");
const at = duration.describe('When, in simulated time from the start of the run.');
const faultCount = z.number().int().min(1).default(1).describe('How many instances it hits, chosen at random among those in service (or of az); default 1.');
const untilEnd = positiveDuration.default(Infinity).describe('How long it lasts; default: to the end of the run.');

/** What a fault on instances may hit: one instance by id, or the instances of one AZ; default any. */
const faultAim = {
  instance: instanceIdSchema.optional().describe('Hit this instance (its activity.csv id) rather than random ones.'),
  az: z.string().min(1).optional().describe('Hit random instances of this Availability Zone only.'),
};

/** An operator's call to the Auto Scaling API at a time (models/autoscaling/manual-actions.ts). */
const manualActionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('set_desired_capacity').describe('SetDesiredCapacity.'),
    at,
    desired_capacity: z.number().int().nonnegative().describe('DesiredCapacity, within the group’s min and max.'),
  }),
  z.strictObject({
    type: z.literal('terminate_instance').describe('TerminateInstanceInAutoScalingGroup.'),
    at,
    instance: instanceIdSchema,
    should_decrement_desired_capacity: z
      .boolean()
      .describe('ShouldDecrementDesiredCapacity, required as in AWS: lower desired capacity by one (true), or launch a replacement (false).'),
  }),
  z.strictObject({
    type: z.literal('complete_lifecycle_action').describe('CompleteLifecycleAction.'),
    at,
    instance: instanceIdSchema,
    lifecycle_hook_name: z.string().min(1).describe('LifecycleHookName of the hook the instance waits in.'),
    lifecycle_action_result: z.enum(['CONTINUE', 'ABANDON']).describe('LifecycleActionResult.'),
  }),
  z.strictObject({
    type: z.literal('record_lifecycle_action_heartbeat').describe('RecordLifecycleActionHeartbeat: restarts the hook’s heartbeat timeout.'),
    at,
    instance: instanceIdSchema,
    lifecycle_hook_name: z.string().min(1).describe('LifecycleHookName of the hook the instance waits in.'),
  }),
  z.strictObject({
    type: z.literal('enter_standby').describe('EnterStandby: the instance leaves the load balancer and stays running, billed, outside the group’s capacity.'),
    at,
    instance: instanceIdSchema,
    should_decrement_desired_capacity: z.boolean().describe('ShouldDecrementDesiredCapacity: lower desired capacity by one (true), or launch a replacement (false).'),
  }),
  z.strictObject({ type: z.literal('exit_standby').describe('ExitStandby: the instance returns to service.'), at, instance: instanceIdSchema }),
]);

const faultSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('instance_crash').describe('Instances crash and are replaced after their health checks fail.'),
    at,
    count: faultCount,
    kind: z
      .enum(['process', 'host'])
      .default('process')
      .describe('process: connections refused, 502 at once; host: unreachable, requests wait for connect_timeout and end in 504; default process.'),
    ...faultAim,
  }),
  z.strictObject({
    type: z.literal('slow_instance').describe('Instances serve slower for a while (a noisy neighbour, thermal throttling).'),
    at,
    count: faultCount,
    factor: z.number().min(1).pipe(factor()).describe('Service times are multiplied by this, at least 1.'),
    duration: untilEnd,
    ...faultAim,
  }),
  z.strictObject({
    type: z.literal('instance_hang').describe('Instances take requests and never answer (a deadlock); they fail at their deadline.'),
    at,
    count: faultCount,
    duration: untilEnd,
    ...faultAim,
  }),
  z.strictObject({
    type: z.literal('az_outage').describe("An Availability Zone's instances go down; launches avoid it until it is back."),
    at,
    az: z.string().min(1).describe('The Availability Zone, e.g. us-east-1a.'),
    duration: untilEnd,
  }),
]);

const instanceTypeNames = Object.keys(INSTANCE_TYPES) as [string, ...string[]];

/**
 * Launch to boot complete. AWS publishes no figure (aws-semantics.md section 12): third-party
 * measurements give about 26 s from launch to SSH; an application still has to start. The default,
 * a lognormal with median 60 s and p99 150 s, is an [INFERRED] allowance for both.
 */
export const DEFAULT_LAUNCH_TIME = { dist: 'lognormal', median: 60, p99: 150 } as const;

const lifecycleHookSchema = z.strictObject({
  name: z.string().min(1).describe('LifecycleHookName.'),
  transition: z.enum(['launching', 'terminating']).describe('LifecycleTransition: autoscaling:EC2_INSTANCE_LAUNCHING or EC2_INSTANCE_TERMINATING.'),
  duration: distributionSchema.default({ dist: 'constant', value: 0 }).describe("How long the user's action takes; default 0 s."),
  duration_leaving_warm_pool: distributionSchema.optional().describe('How long the action takes when the instance leaves a warm pool (the hook fires again then); default: duration.'),
  heartbeat_timeout: duration.pipe(z.number().min(HEARTBEAT_TIMEOUT_RANGE[0]).max(HEARTBEAT_TIMEOUT_RANGE[1])).default(DEFAULT_HEARTBEAT_TIMEOUT).describe(`HeartbeatTimeout: ${HEARTBEAT_TIMEOUT_RANGE[0]} to ${HEARTBEAT_TIMEOUT_RANGE[1]} s; default ${DEFAULT_HEARTBEAT_TIMEOUT} s, as AWS.`),
  default_result: z.enum(['CONTINUE', 'ABANDON']).default(DEFAULT_RESULT).describe(`DefaultResult, at the timeout: CONTINUE or ABANDON; default ${DEFAULT_RESULT}, as AWS.`),
  action_result: z.enum(['CONTINUE', 'ABANDON']).default('CONTINUE').describe('LifecycleActionResult the action reports when it completes before the timeout; default CONTINUE.'),
  failure_probability: z.number().min(0).max(1).default(0).describe('Share of actions that never complete, so that default_result applies at the timeout; 0 to 1, default 0.'),
});

// AWS's defaults and ranges below: docs/aws-semantics.md sections 1, 2.1 and 5.
const autoscalingSchema = z.strictObject({
  min: instanceCount(0).describe('MinSize: fewest instances in the group.'),
  max: instanceCount(1).describe('MaxSize: most instances in the group.'),
  desired: instanceCount(0).optional().describe('DesiredCapacity at the start; default: min.'),
  availability_zones: z.array(z.string().min(1)).min(1).optional().describe("AvailabilityZones of the group; default: the fleet's availability_zones."),
  launch_time: distributionSchema.default(DEFAULT_LAUNCH_TIME).describe(`Time from launch to boot complete; default lognormal, median ${DEFAULT_LAUNCH_TIME.median} s, p99 ${DEFAULT_LAUNCH_TIME.p99} s ([INFERRED]: AWS publishes no figure).`),
  health_check: z
    .strictObject({
      type: z.enum(['EC2', 'ELB']).default('EC2').describe('HealthCheckType: ELB also replaces instances the load balancer finds unhealthy; default EC2, as AWS.'),
      grace_period: duration.default(0).describe('HealthCheckGracePeriod; default 0 s, as the AWS API (the console suggests 300 s).'),
      impaired_tolerance: duration.default(DEFAULT_IMPAIRED_TOLERANCE).describe(`How long failing EC2 status checks are tolerated ("a few minutes", AWS says); default ${DEFAULT_IMPAIRED_TOLERANCE} s [INFERRED].`),
    })
    .prefault({})
    .describe("The group's health checks."),
  default_instance_warmup: duration.pipe(z.number().max(3600)).optional().describe('DefaultInstanceWarmup: new instances are left out of the metrics this long; 0 to 3600 s; unset by default, as AWS (policies then use default_cooldown).'),
  default_cooldown: duration.default(DEFAULT_COOLDOWN).describe(`DefaultCooldown, of simple scaling policies; default ${DEFAULT_COOLDOWN} s, as AWS.`),
  metrics_period: duration
    .pipe(z.union([z.literal(10), z.literal(30), z.literal(60)], { error: 'accepted: 10s, 30s or 60s' }))
    .default(60)
    .describe("Period of the group's metrics and alarms: 60 s, or 10 or 30 s for high resolution; default 60 s."),
  termination_policies: z.array(z.enum(TERMINATION_POLICIES)).min(1).default(['Default']).describe('TerminationPolicies, applied in order; default [Default], as AWS.'),
  new_instances_protected_from_scale_in: z.boolean().default(false).describe('NewInstancesProtectedFromScaleIn; default false, as AWS.'),
  lifecycle_hooks: z.array(lifecycleHookSchema).default([]).describe('Lifecycle hooks (PutLifecycleHook); default none.'),
  warm_pool: z
    .strictObject({
      min_size: instanceCount(0).default(0).describe('MinSize: fewest instances in the pool; default 0, as AWS.'),
      max_group_prepared_capacity: instanceCount(0).optional().describe("MaxGroupPreparedCapacity: most instances in the group and pool together; default: the group's max, as AWS."),
      pool_state: z.enum(['Stopped', 'Running', 'Hibernated']).default('Stopped').describe('PoolState; default Stopped, as AWS.'),
      reuse_on_scale_in: z.boolean().default(false).describe('InstanceReusePolicy.ReuseOnScaleIn: scale-in returns instances to the pool; default false, as AWS.'),
      warm_start_time: distributionSchema.optional().describe(`Time from leaving the pool to booted; default ${DEFAULT_WARM_START_SECONDS.Stopped} s stopped or hibernated, ${DEFAULT_WARM_START_SECONDS.Running} s running [OBSERVED].`),
      /** 8 GiB: the Amazon Linux AMIs' default root volume. */
      volume_gib: z.number().positive().pipe(bounded(0, MAX_VOLUME_GIB, 'MAX_VOLUME_GIB')).default(8).describe('Root volume billed while stopped or hibernated, GiB; default 8.'),
    })
    .optional()
    .describe('A warm pool of pre-initialised instances (PutWarmPool); default none.'),
  policies: z.array(policySchema).default([]).describe('Scaling policies and scheduled actions; default none.'),
});

/** Simulated time 0 when a scenario gives no start: a Monday, 00:00 UTC. */
const DEFAULT_START = '2026-03-02T00:00:00Z';

const DEFAULT_AVAILABILITY_ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

export const scenarioSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
      error: 'expected a name of letters, digits, ".", "_" or "-" (it names the output folder)',
    }).describe('Names the run and its output folder: letters, digits, ".", "_" or "-".'),
    description: z.string().optional().describe('What the scenario is about, shown in the report.'),
    start: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time such as 2026-03-02T00:00:00Z' }).default(DEFAULT_START).describe(`Wall-clock instant (ISO 8601) of simulated time 0, for scheduled actions, time zones and weekends; default ${DEFAULT_START}, a Monday.`),
    seed: z.number().int().nonnegative().default(1).describe('Seed of all random draws: the same seed gives the same outputs; default 1.'),
    duration: positiveDuration.optional().describe('Simulated time; optional for a trace or request file that does not loop (then: its span).'),
    warmup: duration.default(0).describe('Requests arriving before this are served but left out of latency statistics; default 0 s.'),
    workload: z
      .strictObject({
        arrivals: arrivalsSchema.describe('How requests arrive.'),
        service_time: serviceTimeSchema.describe('Seconds of one vCPU per request.'),
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
      })
      .describe('The traffic: how requests arrive and how long each takes.'),
    fleet: z.strictObject({
      instance_type: z.enum(instanceTypeNames).describe('EC2 instance type: its vCPUs and us-east-1 Linux On-Demand price.'),
      instances: instanceCount(1).optional().describe('A fixed fleet: this many instances for the whole run. Give this or autoscaling.'),
      autoscaling: autoscalingSchema.optional().describe('An EC2 Auto Scaling group. Give this or instances.'),
      workers: z.number().int().min(1).optional().describe("Requests served at once per instance; default: the type's vCPUs."),
      queue_limit: z
        .union([z.number().int().nonnegative(), z.literal('unbounded')], { error: 'expected a whole number of requests (0 or more) or "unbounded"' })
        .default(DEFAULT_QUEUE_LIMIT)
        .describe(`Requests waiting per instance; default ${DEFAULT_QUEUE_LIMIT}, Linux's listen backlog; unbounded keeps every one (memory grows with the queue).`),
      request_timeout: positiveDuration.optional().describe('A request not answered this long after it arrives fails with cause timeout; default: none.'),
      availability_zones: z.array(z.string().min(1)).min(1).default(DEFAULT_AVAILABILITY_ZONES).describe(`Availability Zones the instances are spread over in turn; default ${DEFAULT_AVAILABILITY_ZONES.join(', ')}.`),
    }).describe('The instances that serve requests: a fixed count or an Auto Scaling group.'),
    // AWS's defaults and ranges below: docs/aws-semantics.md section 7.
    load_balancer: z
      .strictObject({
        name: z.string().min(1).default('lb').describe('Names the load balancer in outputs; default lb.'),
        type: z.enum(['alb', 'nlb']).default('alb').describe('Application (alb) or Network (nlb) Load Balancer; default alb.'),
        algorithm: z.enum(['round_robin', 'least_outstanding_requests', 'weighted_random', 'random', 'flow_hash']).optional().describe('load_balancing.algorithm.type; default round_robin (ALB), flow_hash (NLB), as AWS.'),
        anomaly_mitigation: z.boolean().default(false).describe('load_balancing.algorithm.anomaly_mitigation, weighted_random only; default false, as AWS.'),
        stickiness: z
          .strictObject({
            duration: positiveDuration
              .pipe(z.number().min(LB_COOKIE_DURATION_RANGE[0]).max(LB_COOKIE_DURATION_RANGE[1]))
              .default(DEFAULT_LB_COOKIE_DURATION_SECONDS)
              .describe(`stickiness.lb_cookie.duration_seconds: ${LB_COOKIE_DURATION_RANGE[0]} to ${LB_COOKIE_DURATION_RANGE[1]} s; default ${DEFAULT_LB_COOKIE_DURATION_SECONDS} s, as AWS.`),
          })
          .optional()
          .describe('ALB duration-based stickiness (lb_cookie): a client sticks to its target for duration; default off.'),
        cross_zone: z.boolean().optional().describe('load_balancing.cross_zone.enabled; default on for ALB, off for NLB, as AWS.'),
        dns_ttl: duration
          .default(DEFAULT_DNS_TTL)
          .describe(`How long clients keep the DNS answer that picks their AZ's node when cross-zone is off (the TTL of ELB's records); default ${DEFAULT_DNS_TTL} s.`),
        health_check: z
          .strictObject({
            interval: positiveDuration.optional().describe(`HealthCheckIntervalSeconds; default ${ALB_DEFAULTS.intervalSeconds} s (ALB), ${NLB_DEFAULTS.intervalSeconds} s (NLB), as AWS.`),
            timeout: positiveDuration.optional().describe(`HealthCheckTimeoutSeconds; default ${ALB_DEFAULTS.timeoutSeconds} s (ALB), ${NLB_DEFAULTS.timeoutSeconds} s (NLB, TCP), as AWS.`),
            healthy_threshold: z.number().int().optional().describe(`HealthyThresholdCount: passes in a row that make a target healthy; default ${ALB_DEFAULTS.healthyThresholdCount} (ALB), ${NLB_DEFAULTS.healthyThresholdCount} (NLB), as AWS.`),
            unhealthy_threshold: z.number().int().optional().describe(`UnhealthyThresholdCount: failures in a row that make a target unhealthy; default ${ALB_DEFAULTS.unhealthyThresholdCount} (ALB), ${NLB_DEFAULTS.unhealthyThresholdCount} (NLB), as AWS.`),
          })
          .default({})
          .describe("The target group's health checks; defaults per load balancer type, as AWS."),
        deregistration_delay: duration.pipe(z.number().max(3600)).default(DEFAULT_DEREGISTRATION_DELAY).describe(`deregistration_delay.timeout_seconds: how long a deregistering target may finish its requests; 0 to 3600 s, default ${DEFAULT_DEREGISTRATION_DELAY} s, as AWS.`),
        slow_start: duration.default(0).describe("slow_start.duration_seconds (ALB): a new target's share of requests ramps up over this; 30 to 900 s, default 0 s (off), as AWS."),
        connect_timeout: positiveDuration
          .default(DEFAULT_CONNECT_TIMEOUT)
          .describe(`How long the load balancer tries to connect to an unreachable target (instance_crash of kind host) before it answers 504; default ${DEFAULT_CONNECT_TIMEOUT} s, as ALB documents.`),
        idle_timeout: positiveDuration.pipe(z.number().min(1).max(4000)).optional().describe(`idle_timeout.timeout_seconds: a request unanswered this long fails with http_504; ALB 1 to 4000 s, default ${DEFAULT_IDLE_TIMEOUT.alb} s; NLB (TCP) ${DEFAULT_IDLE_TIMEOUT.nlb} s, as AWS.`),
        connections: z.number().int().min(1).pipe(bounded(1, MAX_CONNECTIONS, 'MAX_CONNECTIONS')).default(1000).describe('Client connections open at once, for the NLB flow hash, stickiness, DNS and LCU billing; default 1000 [INFERRED].'),
        requests_per_connection: z.number().min(1).default(100).describe('Requests a client connection carries on average; default 100 [INFERRED]: browsers and SDKs keep connections alive for many requests.'),
        bytes_per_request: z.number().nonnegative().default(10_000).describe('Request plus response size, bytes, for processed-bytes LCUs; default 10000 [INFERRED].'),
      })
      // prefault: an absent load_balancer is parsed as {}, so the defaults above are written once.
      .prefault({})
      .describe('The load balancer in front of the fleet.'),
    faults: z.array(faultSchema).default([]).describe('Faults injected during the run; default none.'),
    actions: z
      .array(manualActionSchema)
      .default([])
      .describe('Manual Auto Scaling calls at given times: SetDesiredCapacity, TerminateInstanceInAutoScalingGroup, CompleteLifecycleAction, RecordLifecycleActionHeartbeat, EnterStandby, ExitStandby; default none.'),
    output: z
      .strictObject({
        period: positiveDuration.default(60).describe('Width of a timeseries.csv row; default 60 s.'),
      })
      .prefault({})
      .describe('What the run writes.'),
    slo: z
      .strictObject({
        latency_p99: positiveDuration.optional().describe('Upper bound on latency_ms.p99; unbounded when absent.'),
        error_rate: z.number().min(0).max(1).default(0.001).describe('Upper bound on requests.failed / requests.arrived, 0 to 1; default 0.001.'),
      })
      .prefault({})
      .describe('The service level compare, sweep and optimize hold each run to (slo_met); without the section, its defaults.'),
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
