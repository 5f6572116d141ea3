import { z } from 'zod';
import { DEFAULT_REORDER_WINDOW, HAS_SERVICE_TIME, REQUEST_LOG_FORMATS } from '../models/workload/traces/request-log-format.ts';
import { factor } from './bounded.ts';
import { distributionSchema } from './distribution-schema.ts';
import { DURATION_HELP } from './duration.ts';
import { duration, positiveDuration } from './duration-schema.ts';
import { autoScalingGroupSchema, fleetSchema, type AutoScalingGroupConfig } from './group-schema.ts';
import { forwardSchema, rulePriority } from './listener-schema.ts';
import { loadBalancerSchema, shorthandLoadBalancerSchema, targetGroupSchema, type LoadBalancerConfig, type TargetGroupConfig } from './load-balancer-schema.ts';
import { autoScalingGroupName, loadBalancerName, targetGroupName } from './resource-names.ts';
import { toGeneralForm } from './general-form.ts';

/**
 * The scenario format: one zod schema gives validation, the TypeScript types and the JSON Schema
 * that `fleetsim schema` prints. Durations are parsed to seconds here, at the edge. A key's
 * `.describe()` is its only documentation: the JSON Schema description editors show on hover
 * (test/scenario/json-schema.test.ts fails for a key without one).
 */

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

/** The group a fault or an Auto Scaling call is aimed at. */
const groupReference = autoScalingGroupName
  .optional()
  .describe('The group (its name in auto_scaling_groups); default: the only one, required when there are several.');

/**
 * An operator's call to the Auto Scaling API (models/autoscaling/manual-actions.ts), or to ELB's
 * ModifyRule, at a time.
 */
const manualActionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('set_desired_capacity').describe('SetDesiredCapacity.'),
    at,
    auto_scaling_group: groupReference,
    desired_capacity: z.number().int().nonnegative().describe('DesiredCapacity, within the group’s min and max.'),
  }),
  z.strictObject({
    type: z.literal('terminate_instance').describe('TerminateInstanceInAutoScalingGroup.'),
    at,
    auto_scaling_group: groupReference,
    instance: instanceIdSchema,
    should_decrement_desired_capacity: z
      .boolean()
      .describe('ShouldDecrementDesiredCapacity, required as in AWS: lower desired capacity by one (true), or launch a replacement (false).'),
  }),
  z.strictObject({
    type: z.literal('complete_lifecycle_action').describe('CompleteLifecycleAction.'),
    at,
    auto_scaling_group: groupReference,
    instance: instanceIdSchema,
    lifecycle_hook_name: z.string().min(1).describe('LifecycleHookName of the hook the instance waits in.'),
    lifecycle_action_result: z.enum(['CONTINUE', 'ABANDON']).describe('LifecycleActionResult.'),
  }),
  z.strictObject({
    type: z.literal('record_lifecycle_action_heartbeat').describe('RecordLifecycleActionHeartbeat: restarts the hook’s heartbeat timeout.'),
    at,
    auto_scaling_group: groupReference,
    instance: instanceIdSchema,
    lifecycle_hook_name: z.string().min(1).describe('LifecycleHookName of the hook the instance waits in.'),
  }),
  z.strictObject({
    type: z.literal('enter_standby').describe('EnterStandby: the instance leaves the load balancer and stays running, billed, outside the group’s capacity.'),
    at,
    auto_scaling_group: groupReference,
    instance: instanceIdSchema,
    should_decrement_desired_capacity: z.boolean().describe('ShouldDecrementDesiredCapacity: lower desired capacity by one (true), or launch a replacement (false).'),
  }),
  z.strictObject({ type: z.literal('exit_standby').describe('ExitStandby: the instance returns to service.'), at, auto_scaling_group: groupReference, instance: instanceIdSchema }),
  z
    .strictObject({
      type: z.literal('modify_rule').describe("ModifyRule (Elastic Load Balancing): a listener rule forwards to other target groups or weights from then on, e.g. a blue/green switch."),
      at,
      load_balancer: loadBalancerName.optional().describe('The load balancer whose listener holds the rule; default: the only one, required when there are several.'),
      priority: rulePriority.optional().describe('The priority of the rule to change; give this or default.'),
      default: z.literal(true).optional().describe("true: change the listener's default rule; give this or priority."),
      forward: forwardSchema,
    })
    .superRefine((a, ctx) => {
      if ((a.priority === undefined) === (a.default === undefined)) ctx.addIssue({ code: 'custom', path: ['priority'], message: 'give either priority (a path rule) or default: true (the default rule), not both' });
    }),
]);

const faultSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('instance_crash').describe('Instances crash and are replaced after their health checks fail.'),
    at,
    auto_scaling_group: groupReference,
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
    auto_scaling_group: groupReference,
    count: faultCount,
    factor: z.number().min(1).pipe(factor()).describe('Service times are multiplied by this, at least 1.'),
    duration: untilEnd,
    ...faultAim,
  }),
  z.strictObject({
    type: z.literal('instance_hang').describe('Instances take requests and never answer (a deadlock); they fail at their deadline.'),
    at,
    auto_scaling_group: groupReference,
    count: faultCount,
    duration: untilEnd,
    ...faultAim,
  }),
  z.strictObject({
    type: z.literal('az_outage').describe("An Availability Zone's instances go down; launches avoid it until it is back."),
    at,
    auto_scaling_group: groupReference,
    az: z.string().min(1).describe('The Availability Zone, e.g. us-east-1a.'),
    duration: untilEnd,
  }),
]);

/** Simulated time 0 when a scenario gives no start: a Monday, 00:00 UTC. */
const DEFAULT_START = '2026-03-02T00:00:00Z';

const RESOURCES_SHORTHAND = 'The shorthand for one group behind one load balancer; or give auto_scaling_groups, target_groups and load_balancers.';

/** A kind of request: its share of the arrivals, its path (for listener rules) and its service time. */
const requestClassSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: 'expected a name of 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit' })
    .describe('Names the class in outputs: letters, digits, ".", "_" or "-".'),
  share: z.number().positive().describe('Its share of the arrivals, above 0; shares are normalised: a class gets share / the sum of the shares.'),
  path: z.string().min(1).max(128).describe('Path of its requests, e.g. "/api/orders", which listener rules match by their path patterns; default "/".'),
  service_time: distributionSchema.optional().describe("Seconds of one vCPU per request of this class; default: the workload's service_time."),
});

/** The scenario as written, in either form, before the shorthand becomes the general form. */
const scenarioFields = z.strictObject({
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
      request_timeout: positiveDuration.optional().describe("The client's deadline: a request not answered this long after it arrives fails with cause timeout; default: none."),
      classes: z
        .array(requestClassSchema)
        .min(1)
        .optional()
        .describe('Kinds of request, each a share of the arrivals with its own path and service time; default: one class, default, of path "/" and the workload\'s service_time.'),
    })
    .superRefine((w, ctx) => {
      const seen = new Set<string>();
      w.classes?.forEach((c, i) => {
        if (seen.has(c.name)) ctx.addIssue({ code: 'custom', path: ['classes', i, 'name'], message: `found "${c.name}" twice; class names are unique` });
        seen.add(c.name);
      });
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
    .describe('The traffic: how requests arrive, what they ask for and how long each takes.'),
  fleet: fleetSchema.optional().describe(`The instances that serve requests: a fixed count or an Auto Scaling group. ${RESOURCES_SHORTHAND}`),
  load_balancer: shorthandLoadBalancerSchema.optional().describe(`The load balancer in front of the fleet, and its target group; default: an ALB named lb. ${RESOURCES_SHORTHAND}`),
  load_balancers: z
    .record(loadBalancerName, loadBalancerSchema)
    .optional()
    .describe('Load balancers by name (1 to 32 letters, digits and hyphens), each with a listener whose rules forward requests to target groups.'),
  target_groups: z
    .record(targetGroupName, targetGroupSchema)
    .optional()
    .describe('Target groups by name (1 to 32 letters, digits and hyphens): health checks, routing algorithm, draining; groups register their instances with them.'),
  auto_scaling_groups: z
    .record(autoScalingGroupName, autoScalingGroupSchema)
    .optional()
    .describe('EC2 Auto Scaling groups by name (letters, digits, ".", "_" or "-"); a fixed fleet is a group with min = max.'),
  faults: z.array(faultSchema).default([]).describe('Faults injected during the run; default none.'),
  actions: z
    .array(manualActionSchema)
    .default([])
    .describe('Manual calls at given times: SetDesiredCapacity, TerminateInstanceInAutoScalingGroup, CompleteLifecycleAction, RecordLifecycleActionHeartbeat, EnterStandby, ExitStandby, and ELB ModifyRule; default none.'),
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
});

/** The keys a scenario may have at its top (either form's). */
export const SCENARIO_KEYS: readonly string[] = Object.keys(scenarioFields.shape);

/**
 * The scenario schema: the document in either form, checked, and turned into the general form
 * (general-form.ts) with its references checked.
 */
export const scenarioSchema = scenarioFields.transform((s, ctx): Scenario => {
  const { scenario, problems } = toGeneralForm(s);
  for (const p of problems) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  if (scenario === undefined) return z.NEVER;
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
  return scenario;
});

/** A scenario as written (durations may be strings), in either form. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** The scenario as written and checked, before the shorthand becomes the general form. */
export type ScenarioFields = z.output<typeof scenarioFields>;
type Fields = ScenarioFields;

/** A fault or Auto Scaling call with its group named: the only one's name when the scenario left it out. */
type AimedAtGroup<T> = T extends { auto_scaling_group?: string } ? Omit<T, 'auto_scaling_group'> & { auto_scaling_group: string } : T;
/** A ModifyRule with its load balancer named. */
type AimedAtLoadBalancer<T> = T extends { load_balancer?: string } ? Omit<T, 'load_balancer'> & { load_balancer: string } : T;

/** A request class as the run uses it: its share normalised (the shares sum to 1), its service time filled in. */
export interface RequestClassConfig {
  readonly name: string;
  readonly share: number;
  readonly path: string;
  readonly service_time: ServiceTimeConfig;
}

/**
 * A validated scenario in the general form: durations in seconds, defaults filled in, resources by
 * name. The shorthand (fleet, load_balancer) arrives here as one group, one target group and one
 * load balancer; workload.classes always holds at least one class.
 */
export type Scenario = Omit<Fields, 'fleet' | 'load_balancer' | 'load_balancers' | 'target_groups' | 'auto_scaling_groups' | 'workload' | 'faults' | 'actions'> & {
  workload: Omit<Fields['workload'], 'classes'> & { classes: RequestClassConfig[] };
  load_balancers: Record<string, LoadBalancerConfig>;
  target_groups: Record<string, TargetGroupConfig>;
  auto_scaling_groups: Record<string, AutoScalingGroupConfig>;
  faults: AimedAtGroup<Fields['faults'][number]>[];
  actions: AimedAtLoadBalancer<AimedAtGroup<Fields['actions'][number]>>[];
};
export type ArrivalsConfig = Scenario['workload']['arrivals'];
export type ServiceTimeConfig = z.output<typeof serviceTimeSchema>;
export type { AutoScalingGroupConfig, LoadBalancerConfig, TargetGroupConfig };
export type { DistributionConfig } from './distribution-schema.ts';
export type { ListenerRuleConfig, TargetGroupWeight } from './listener-schema.ts';

/** JSON Schema of the scenario format, for editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'fleetsim scenario',
  };
}
