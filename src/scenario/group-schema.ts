import { z } from 'zod';
import { INSTANCE_TYPES } from '../models/compute/instance-types.ts';
import { DEFAULT_QUEUE_LIMIT } from '../models/compute/queue-limit.ts';
import { DEFAULT_HEARTBEAT_TIMEOUT, DEFAULT_RESULT, HEARTBEAT_TIMEOUT_RANGE } from '../models/autoscaling/lifecycle-hooks.ts';
import { DEFAULT_IMPAIRED_TOLERANCE } from '../models/autoscaling/group.ts';
import { DEFAULT_WARM_START_SECONDS } from '../models/autoscaling/warm-pool.ts';
import { DEFAULT_COOLDOWN } from '../models/autoscaling/policies/simple-scaling.ts';
import { TERMINATION_POLICIES } from '../models/autoscaling/termination-policy.ts';
import { bounded, instanceCount } from './bounded.ts';
import { distributionSchema } from './distribution-schema.ts';
import { duration, positiveDuration } from './duration-schema.ts';
import { MAX_VOLUME_GIB } from './limits.ts';
import { policySchema } from './policy-schema.ts';
import { targetGroupName } from './resource-names.ts';

/** The Auto Scaling group: fleet (the shorthand's) and auto_scaling_groups.<name> (the general form's). */

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
/** What fleet.autoscaling and an entry of auto_scaling_groups share: the group's own settings. */
const groupFields = {
  min: instanceCount(0).describe('MinSize: fewest instances in the group.'),
  max: instanceCount(1).describe('MaxSize: most instances in the group.'),
  desired: instanceCount(0).optional().describe('DesiredCapacity at the start; default: min.'),
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
};

export const DEFAULT_AVAILABILITY_ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

const availabilityZones = z.array(z.string().min(1)).min(1);

/** How each instance serves requests. */
const serverFields = {
  instance_type: z.enum(instanceTypeNames).describe('EC2 instance type: its vCPUs and us-east-1 Linux On-Demand price.'),
  workers: z.number().int().min(1).optional().describe("Requests served at once per instance; default: the type's vCPUs."),
  queue_limit: z
    .union([z.number().int().nonnegative(), z.literal('unbounded')], { error: 'expected a whole number of requests (0 or more) or "unbounded"' })
    .default(DEFAULT_QUEUE_LIMIT)
    .describe(`Requests waiting per instance; default ${DEFAULT_QUEUE_LIMIT}, Linux's listen backlog; unbounded keeps every one (memory grows with the queue).`),
};

/** Sizes within each other (MinSize <= DesiredCapacity <= MaxSize) and one predictive policy at most, as AWS requires. */
function groupProblems(g: { min: number; max: number; desired?: number; policies: readonly { type: string }[] }, ctx: z.RefinementCtx): void {
  if (g.policies.filter((p) => p.type === 'predictive').length > 1) ctx.addIssue({ code: 'custom', path: ['policies'], message: 'at most one predictive policy per group' });
  if (g.min > g.max) ctx.addIssue({ code: 'custom', path: ['max'], message: `must be at least min (${g.min})` });
  if (g.desired !== undefined && (g.desired < g.min || g.desired > g.max)) {
    ctx.addIssue({ code: 'custom', path: ['desired'], message: `must be between min (${g.min}) and max (${g.max})` });
  }
}

/** The shorthand's fleet.autoscaling. */
export const autoscalingSchema = z
  .strictObject({
    ...groupFields,
    availability_zones: availabilityZones.optional().describe("AvailabilityZones of the group; default: the fleet's availability_zones."),
  })
  .superRefine(groupProblems);

/** The shorthand's one group: a fixed count or fleet.autoscaling. */
export const fleetSchema = z
  .strictObject({
    instance_type: serverFields.instance_type,
    instances: instanceCount(1).optional().describe('A fixed fleet: this many instances for the whole run. Give this or autoscaling.'),
    autoscaling: autoscalingSchema.optional().describe('An EC2 Auto Scaling group. Give this or instances.'),
    workers: serverFields.workers,
    queue_limit: serverFields.queue_limit,
    request_timeout: positiveDuration.optional().describe('A request not answered this long after it arrives fails with cause timeout; default: none. The same as workload.request_timeout.'),
    availability_zones: availabilityZones.default(DEFAULT_AVAILABILITY_ZONES).describe(`Availability Zones the instances are spread over in turn; default ${DEFAULT_AVAILABILITY_ZONES.join(', ')}.`),
  })
  .superRefine((fleet, ctx) => {
    if ((fleet.instances === undefined) === (fleet.autoscaling === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either instances (a fixed fleet) or autoscaling (an Auto Scaling group), not both' });
    }
  });

/** An entry of auto_scaling_groups: the group, its instances, and the target groups it registers them with. */
export const autoScalingGroupSchema = z
  .strictObject({
    ...serverFields,
    target_groups: z
      .array(targetGroupName)
      .default([])
      .describe('TargetGroupARNs: the target groups (names in target_groups) its instances are registered with; default none.'),
    ...groupFields,
    availability_zones: availabilityZones.default(DEFAULT_AVAILABILITY_ZONES).describe(`AvailabilityZones of the group, its instances spread over them in turn; default ${DEFAULT_AVAILABILITY_ZONES.join(', ')}.`),
  })
  .superRefine(groupProblems);

export type AutoScalingGroupConfig = z.output<typeof autoScalingGroupSchema>;
