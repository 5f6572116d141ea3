import { z } from 'zod';
import { POLICY_METRICS } from '../models/autoscaling/policy-metrics.ts';
import { ALARM_HIGH_DEFAULTS, ALARM_LOW_DEFAULTS } from '../models/autoscaling/policies/target-tracking.ts';
import { stepAdjustmentProblems, type StepAdjustment } from '../models/autoscaling/policies/step-adjustments.ts';
import { CronError, parseRecurrence } from '../models/autoscaling/schedule/cron.ts';
import { TimeZoneError, zoneClock } from '../models/autoscaling/schedule/time-zone.ts';
import { hourlyLoadPerInstance } from '../models/autoscaling/predictive/capacity-forecast.ts';
import { DEFAULT_SCHEDULING_BUFFER_TIME } from '../models/autoscaling/predictive/predictive-schedule.ts';
import { duration } from './duration-schema.ts';
import { evaluationPeriods, instanceCount } from './bounded.ts';
import { targetGroupName } from './resource-names.ts';

/**
 * Scaling policies in a scenario (fleet.autoscaling.policies), one shape per `type`. Names follow
 * AWS's API (TargetValue -> target, DisableScaleIn -> disable_scale_in, ...). Defaults and their
 * sources are in docs/aws-semantics.md sections 2 to 4.
 */

const metric = z.enum(POLICY_METRICS).describe("MetricName of the policy's alarm.");
const comparison = z.enum(['>', '>=', '<', '<=']).describe('ComparisonOperator of the alarm: the metric against the threshold.');
const adjustmentType = z.enum(['ChangeInCapacity', 'ExactCapacity', 'PercentChangeInCapacity']).describe('AdjustmentType: how adjustment changes the desired capacity.');
const POLICY_NAME = 'PolicyName.';
/** AWS's ResourceLabel: which of the group's target groups a load balancer metric is of. */
const targetGroup = targetGroupName
  .optional()
  .describe("ResourceLabel: the target group (one of the group's target_groups) whose load balancer metrics the policy reads; default: the group's only one. Only with a load balancer metric.");
const MIN_ADJUSTMENT_MAGNITUDE = 'MinAdjustmentMagnitude: least instances a PercentChangeInCapacity adjustment changes; default none, as AWS.';
const DATAPOINTS_TO_ALARM = 'DatapointsToAlarm: breaching datapoints among evaluation_periods that trigger the alarm; default: evaluation_periods, as AWS.';

/**
 * Overrides of the [OBSERVED] alarms target tracking creates (section 2.2). An unset
 * evaluation_periods keeps AWS's, which datapoints_to_alarm may not exceed either.
 */
const alarmOverride = {
  evaluation_periods: evaluationPeriods().optional().describe(`EvaluationPeriods of the alarm; default AWS's: ${ALARM_HIGH_DEFAULTS.evaluationPeriods} (AlarmHigh), ${ALARM_LOW_DEFAULTS.evaluationPeriods} (AlarmLow) [OBSERVED].`),
  datapoints_to_alarm: evaluationPeriods().optional().describe(DATAPOINTS_TO_ALARM),
};
const alarmHigh = z.strictObject(alarmOverride).superRefine((a, ctx) => mOfN(a, ctx, ALARM_HIGH_DEFAULTS.evaluationPeriods));
const alarmLow = z
  .strictObject({
    ...alarmOverride,
    threshold_ratio: z.number().positive().max(1).optional().describe(`AlarmLow's threshold as a fraction of the target; default ${ALARM_LOW_DEFAULTS.thresholdRatio} [OBSERVED].`),
  })
  .superRefine((a, ctx) => mOfN(a, ctx, ALARM_LOW_DEFAULTS.evaluationPeriods));

/** DatapointsToAlarm (M) may not exceed EvaluationPeriods (N, or `defaultN` when unset). */
function mOfN(a: { evaluation_periods?: number; datapoints_to_alarm?: number }, ctx: z.RefinementCtx, defaultN?: number): void {
  const n = a.evaluation_periods ?? defaultN;
  if (a.datapoints_to_alarm !== undefined && n !== undefined && a.datapoints_to_alarm > n) {
    const which = a.evaluation_periods === undefined ? `its default ${n}` : String(n);
    ctx.addIssue({ code: 'custom', path: ['datapoints_to_alarm'], message: `must not exceed evaluation_periods (${which})` });
  }
}

const targetTracking = z
  .strictObject({
    name: z.string().min(1).describe(POLICY_NAME),
    type: z.literal('target_tracking').describe('Target tracking (TargetTrackingScaling): keeps a metric near a target.'),
    /**
     * Per-instance averages only: target tracking sizes the group as instances x metric / target,
     * which needs a metric that falls in proportion as instances are added (section 2.1).
     */
    metric: z.enum(['ASGAverageCPUUtilization', 'ALBRequestCountPerTarget', 'QueueDepth']).describe('PredefinedMetricType: a per-instance average.'),
    target: z.number().positive().describe("TargetValue, in the metric's unit (CPU %, requests per target per period, queued requests)."),
    target_group: targetGroup,
    disable_scale_in: z.boolean().default(false).describe('DisableScaleIn; default false, as AWS.'),
    alarm_high: alarmHigh.optional().describe(`Overrides of the AlarmHigh AWS creates: ${ALARM_HIGH_DEFAULTS.evaluationPeriods} of ${ALARM_HIGH_DEFAULTS.evaluationPeriods} datapoints above the target [OBSERVED].`),
    alarm_low: alarmLow.optional().describe(`Overrides of the AlarmLow AWS creates: ${ALARM_LOW_DEFAULTS.evaluationPeriods} of ${ALARM_LOW_DEFAULTS.evaluationPeriods} datapoints below ${ALARM_LOW_DEFAULTS.thresholdRatio} x target [OBSERVED].`),
  })
  .superRefine((p, ctx) => utilizationTarget(p.metric, p.target, ctx));

/** A CPU utilisation is a percentage: a target above 100 could never be reached, so the group would only shrink. */
function utilizationTarget(metric: string, target: number, ctx: z.RefinementCtx): void {
  if (metric.endsWith('CPUUtilization') && target > 100) {
    ctx.addIssue({ code: 'custom', path: ['target'], message: `a CPU utilisation target is a percentage in (0, 100]; found ${target}` });
  }
}

/** The alarm a step or simple policy hangs on: 1 of 1 one-minute datapoints unless told otherwise. */
const alarmFields = {
  metric,
  target_group: targetGroup,
  statistic: z.enum(['Average', 'Sum', 'Minimum', 'Maximum']).default('Average').describe('Statistic of the alarm; default Average.'),
  threshold: z.number().describe("Threshold of the alarm, in the metric's unit."),
  comparison,
  evaluation_periods: evaluationPeriods().default(1).describe('EvaluationPeriods of the alarm; default 1.'),
  datapoints_to_alarm: evaluationPeriods().optional().describe(DATAPOINTS_TO_ALARM),
};

const step = z
  .strictObject({
    name: z.string().min(1).describe(POLICY_NAME),
    type: z.literal('step').describe('Step scaling (StepScaling): adjustments by how far the metric is past the threshold.'),
    ...alarmFields,
    adjustment_type: adjustmentType,
    min_adjustment_magnitude: z.number().int().min(1).optional().describe(MIN_ADJUSTMENT_MAGNITUDE),
    aggregation: z.enum(['Average', 'Minimum', 'Maximum']).default('Average').describe('MetricAggregationType; default Average, as AWS.'),
    steps: z
      .array(
        z.strictObject({
          lower: z.number().optional().describe('MetricIntervalLowerBound: offset from the threshold; absent: minus infinity.'),
          upper: z.number().optional().describe('MetricIntervalUpperBound: offset from the threshold; absent: infinity.'),
          adjustment: z.number().int().describe("ScalingAdjustment, in adjustment_type's terms."),
        }),
      )
      .min(1)
      .describe('StepAdjustments: bounds are offsets from the threshold, and must not overlap.'),
  })
  .superRefine((p, ctx) => {
    mOfN(p, ctx);
    for (const problem of stepAdjustmentProblems(stepAdjustments(p.steps))) ctx.addIssue({ code: 'custom', path: ['steps'], message: problem });
  });

/** A step policy's steps in AWS's terms: a missing bound is null, an infinite one (section 3.1). */
export function stepAdjustments(steps: readonly { lower?: number; upper?: number; adjustment: number }[]): StepAdjustment[] {
  return steps.map((s) => ({ metricIntervalLowerBound: s.lower ?? null, metricIntervalUpperBound: s.upper ?? null, scalingAdjustment: s.adjustment }));
}

const simple = z
  .strictObject({
    name: z.string().min(1).describe(POLICY_NAME),
    type: z.literal('simple').describe('Simple scaling (SimpleScaling): one adjustment per alarm, then a cooldown.'),
    ...alarmFields,
    adjustment_type: adjustmentType,
    adjustment: z.number().int().describe("ScalingAdjustment, in adjustment_type's terms."),
    min_adjustment_magnitude: z.number().int().min(1).optional().describe(MIN_ADJUSTMENT_MAGNITUDE),
    cooldown: duration.optional().describe("Cooldown; default: the group's default_cooldown, as AWS."),
  })
  .superRefine((p, ctx) => mOfN(p, ctx));

const isoInstant = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time such as 2026-03-02T14:00:00Z' });

const scheduled = z
  .strictObject({
    name: z.string().min(1).describe('ScheduledActionName.'),
    type: z.literal('scheduled').describe('A scheduled action (PutScheduledUpdateGroupAction).'),
    recurrence: z.string().optional().describe('Recurrence: a cron expression (minute hour day-of-month month day-of-week), in time_zone; or give start_time for a one-off action.'),
    time_zone: z.string().default('Etc/UTC').describe('TimeZone of the recurrence, an IANA name such as Europe/Berlin; default Etc/UTC, as AWS.'),
    start_time: isoInstant.optional().describe("StartTime, an ISO 8601 instant: a one-off action runs then (not before the scenario's start); with a recurrence, the first time it may run."),
    end_time: isoInstant.optional().describe('EndTime, an ISO 8601 instant, not before start_time: a recurring action stops after it.'),
    min: instanceCount(0).optional().describe("MinSize the action sets; default: unchanged."),
    max: instanceCount(0).optional().describe('MaxSize the action sets; default: unchanged.'),
    desired: instanceCount(0).optional().describe('DesiredCapacity the action sets; default: unchanged.'),
  })
  .superRefine((p, ctx) => {
    if (p.min !== undefined && p.max !== undefined && p.min > p.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: `must be at least min (${p.min})` });
    }
    if (p.min === undefined && p.max === undefined && p.desired === undefined) {
      ctx.addIssue({ code: 'custom', message: 'set at least one of min, max and desired' });
    }
    if (p.recurrence === undefined && p.start_time === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give a recurrence (cron) or a start_time (a one-off action)' });
    }
    // An action that ends before it starts would never run: a mistake to report, not a run that
    // silently ignores it. Equal times are a one-off action (AWS's PutScheduledUpdateGroupAction
    // example gives the same StartTime and EndTime).
    if (p.start_time !== undefined && p.end_time !== undefined && Date.parse(p.end_time) < Date.parse(p.start_time)) {
      ctx.addIssue({ code: 'custom', path: ['end_time'], message: `must not be before start_time (${p.start_time}), found ${p.end_time}` });
    }
    if (p.recurrence !== undefined) {
      try {
        parseRecurrence(p.recurrence);
      } catch (err) {
        if (!(err instanceof CronError)) throw err;
        ctx.addIssue({ code: 'custom', path: ['recurrence'], message: err.message });
      }
    }
    try {
      zoneClock(p.time_zone);
    } catch (err) {
      if (!(err instanceof TimeZoneError)) throw err;
      ctx.addIssue({ code: 'custom', path: ['time_zone'], message: err.message });
    }
  });

const predictive = z
  .strictObject({
    name: z.string().min(1).describe(POLICY_NAME),
    type: z.literal('predictive').describe('Predictive scaling (PredictiveScaling): capacity from a forecast of the load, set at each hour.'),
    metric: z.enum(['ASGCPUUtilization', 'ALBRequestCount']).describe('PredefinedMetricPairType.'),
    target_group: targetGroup,
    target: z.number().positive().describe("TargetValue, in the metric's unit (CPU %, requests per instance per minute)."),
    mode: z.enum(['ForecastOnly', 'ForecastAndScale']).default('ForecastOnly').describe('Mode; default ForecastOnly, as AWS.'),
    scheduling_buffer_time: duration.pipe(z.number().max(3599)).default(DEFAULT_SCHEDULING_BUFFER_TIME).describe(`SchedulingBufferTime: instances launch this long before each hour; below 3600 s, default ${DEFAULT_SCHEDULING_BUFFER_TIME} s, as AWS.`),
    max_capacity_breach_behavior: z.enum(['HonorMaxCapacity', 'IncreaseMaxCapacity']).default('HonorMaxCapacity').describe('MaxCapacityBreachBehavior; default HonorMaxCapacity, as AWS.'),
    max_capacity_buffer: z.number().min(0).max(100).optional().describe('MaxCapacityBuffer: how far above max the forecast may take capacity, percent, 0 to 100; required with IncreaseMaxCapacity.'),
  })
  .superRefine((p, ctx) => {
    utilizationTarget(p.metric, p.target, ctx);
    if (!Number.isFinite(hourlyLoadPerInstance(p.metric, p.target))) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: `too large: target x 60 (requests per instance per hour) must be finite, found ${p.target}` });
    }
    if (p.max_capacity_breach_behavior === 'IncreaseMaxCapacity' && p.max_capacity_buffer === undefined) {
      ctx.addIssue({ code: 'custom', path: ['max_capacity_buffer'], message: 'required with IncreaseMaxCapacity (section 4)' });
    }
  });

export const policySchema = z.discriminatedUnion('type', [targetTracking, step, simple, scheduled, predictive]);
export type PolicyConfig = z.output<typeof policySchema>;

/** Whether a policy reads a metric of a load balancer and target group (AWS/ApplicationELB), which its target_group names. */
export function readsTargetGroup(p: Exclude<PolicyConfig, { type: 'scheduled' }>): boolean {
  if (p.type === 'predictive') return p.metric === 'ALBRequestCount';
  return !p.metric.startsWith('ASG') && p.metric !== 'QueueDepth';
}
