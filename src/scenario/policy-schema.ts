import { z } from 'zod';
import { GROUP_METRICS } from '../models/autoscaling/group-metrics.ts';
import { ALARM_HIGH_DEFAULTS, ALARM_LOW_DEFAULTS } from '../models/autoscaling/policies/target-tracking.ts';
import { stepAdjustmentProblems, type StepAdjustment } from '../models/autoscaling/policies/step-adjustments.ts';
import { CronError, parseRecurrence } from '../models/autoscaling/schedule/cron.ts';
import { TimeZoneError, zoneClock } from '../models/autoscaling/schedule/time-zone.ts';
import { hourlyLoadPerInstance } from '../models/autoscaling/predictive/capacity-forecast.ts';
import { DEFAULT_SCHEDULING_BUFFER_TIME } from '../models/autoscaling/predictive/predictive-schedule.ts';
import { duration } from './duration-schema.ts';
import { evaluationPeriods, instanceCount } from './bounded.ts';

/**
 * Scaling policies in a scenario (fleet.autoscaling.policies), one shape per `type`. Names follow
 * AWS's API (TargetValue -> target, DisableScaleIn -> disable_scale_in, ...). Defaults and their
 * sources are in docs/aws-semantics.md sections 2 to 4.
 */

const metric = z.enum(GROUP_METRICS);
const comparison = z.enum(['>', '>=', '<', '<=']);
const adjustmentType = z.enum(['ChangeInCapacity', 'ExactCapacity', 'PercentChangeInCapacity']);

/**
 * Overrides of the [OBSERVED] alarms target tracking creates (section 2.2). An unset
 * evaluation_periods keeps AWS's, which datapoints_to_alarm may not exceed either.
 */
const alarmOverride = {
  evaluation_periods: evaluationPeriods().optional(),
  datapoints_to_alarm: evaluationPeriods().optional(),
};
const alarmHigh = z.strictObject(alarmOverride).superRefine((a, ctx) => mOfN(a, ctx, ALARM_HIGH_DEFAULTS.evaluationPeriods));
const alarmLow = z
  .strictObject({
    ...alarmOverride,
    /** AlarmLow's threshold as a fraction of the target. */
    threshold_ratio: z.number().positive().max(1).optional(),
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
    name: z.string().min(1),
    type: z.literal('target_tracking'),
    /**
     * Per-instance averages only: target tracking sizes the group as instances x metric / target,
     * which needs a metric that falls in proportion as instances are added (section 2.1).
     */
    metric: z.enum(['ASGAverageCPUUtilization', 'ALBRequestCountPerTarget', 'QueueDepth']),
    target: z.number().positive(),
    disable_scale_in: z.boolean().default(false),
    /** Overrides of the [OBSERVED] alarm shapes (section 2.2). */
    alarm_high: alarmHigh.optional(),
    alarm_low: alarmLow.optional(),
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
  statistic: z.enum(['Average', 'Sum', 'Minimum', 'Maximum']).default('Average'),
  threshold: z.number(),
  comparison,
  evaluation_periods: evaluationPeriods().default(1),
  datapoints_to_alarm: evaluationPeriods().optional(),
};

const step = z
  .strictObject({
    name: z.string().min(1),
    type: z.literal('step'),
    ...alarmFields,
    adjustment_type: adjustmentType,
    min_adjustment_magnitude: z.number().int().min(1).optional(),
    aggregation: z.enum(['Average', 'Minimum', 'Maximum']).default('Average'),
    steps: z
      .array(
        z.strictObject({
          /** Offsets from the threshold; a missing bound is infinite (section 3.1). */
          lower: z.number().optional(),
          upper: z.number().optional(),
          adjustment: z.number().int(),
        }),
      )
      .min(1),
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
    name: z.string().min(1),
    type: z.literal('simple'),
    ...alarmFields,
    adjustment_type: adjustmentType,
    adjustment: z.number().int(),
    min_adjustment_magnitude: z.number().int().min(1).optional(),
    /** Default: the group's default_cooldown (section 1.5). */
    cooldown: duration.optional(),
  })
  .superRefine((p, ctx) => mOfN(p, ctx));

const isoInstant = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time such as 2026-03-02T14:00:00Z' });

const scheduled = z
  .strictObject({
    name: z.string().min(1),
    type: z.literal('scheduled'),
    recurrence: z.string().optional(),
    time_zone: z.string().default('Etc/UTC'),
    start_time: isoInstant.optional(),
    end_time: isoInstant.optional(),
    min: instanceCount(0).optional(),
    max: instanceCount(0).optional(),
    desired: instanceCount(0).optional(),
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
    name: z.string().min(1),
    type: z.literal('predictive'),
    metric: z.enum(['ASGCPUUtilization', 'ALBRequestCount']),
    target: z.number().positive(),
    /** Section 4: ForecastOnly unless told otherwise. */
    mode: z.enum(['ForecastOnly', 'ForecastAndScale']).default('ForecastOnly'),
    scheduling_buffer_time: duration.pipe(z.number().max(3599)).default(DEFAULT_SCHEDULING_BUFFER_TIME),
    max_capacity_breach_behavior: z.enum(['HonorMaxCapacity', 'IncreaseMaxCapacity']).default('HonorMaxCapacity'),
    max_capacity_buffer: z.number().min(0).max(100).optional(),
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
