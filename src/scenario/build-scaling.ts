import type { Instance } from '../models/compute/instance.ts';
import type { Simulator } from '../engine/index.ts';
import type { AutoScalingGroup } from '../models/autoscaling/group.ts';
import { GroupMetricsPublisher } from '../models/autoscaling/group-metrics.ts';
import { SimpleScalingPolicy } from '../models/autoscaling/policies/simple-scaling.ts';
import { StepScalingPolicy } from '../models/autoscaling/policies/step-scaling.ts';
import { TARGET_TRACKING_PERIOD, TargetTrackingPolicy } from '../models/autoscaling/policies/target-tracking.ts';
import { PredictiveScaling } from '../models/autoscaling/predictive-scaling.ts';
import { ScalingController, type BoundPolicy } from '../models/autoscaling/scaling-controller.ts';
import { ScheduledActions } from '../models/autoscaling/scheduled-actions.ts';
import type { ComparisonOperator } from '../models/cloudwatch/comparison-operator.ts';
import type { TargetGroup } from '../models/elb/target-group.ts';
import type { Outcomes } from '../models/requests/outcomes.ts';
import { metricColumns, MetricsLog } from '../models/telemetry/metrics-log.ts';
import { MAX_TIME_SERIES_ROWS } from '../models/telemetry/period-sampler.ts';
import { stepAdjustments, type PolicyConfig } from './policy-schema.ts';
import type { Scenario } from './schema.ts';


const COMPARISON: Record<'>' | '>=' | '<' | '<=', ComparisonOperator> = {
  '>': 'GreaterThanThreshold',
  '>=': 'GreaterThanOrEqualToThreshold',
  '<': 'LessThanThreshold',
  '<=': 'LessThanOrEqualToThreshold',
};

type Of<T extends PolicyConfig['type']> = Extract<PolicyConfig, { type: T }>;

/** The group's scaling machinery: metrics, dynamic policies, predictive scaling and scheduled actions. */
export interface BuiltScaling {
  readonly metrics: GroupMetricsPublisher;
  /** Every period's datapoints (metrics.csv). */
  readonly metricsLog: MetricsLog;
  readonly controller: ScalingController;
  readonly predictive: PredictiveScaling | undefined;
  readonly scheduled: ScheduledActions;
  start(): void;
}

export function buildScaling(sim: Simulator, scenario: Scenario, group: AutoScalingGroup, lb: TargetGroup<Instance>, outcomes: Outcomes): BuiltScaling {
  const asg = scenario.fleet.autoscaling;
  const policies = asg?.policies ?? [];
  // One-minute datapoints (section 2.1), or 10 or 30 s for high resolution.
  const period = asg?.metrics_period ?? TARGET_TRACKING_PERIOD;
  const predefined = period === TARGET_TRACKING_PERIOD;
  const of = <T extends PolicyConfig['type']>(type: T) => policies.filter((p): p is Of<T> => p.type === type);

  const targetTracking: BoundPolicy<TargetTrackingPolicy>[] = of('target_tracking').map((p) => ({
    metric: p.metric,
    policy: new TargetTrackingPolicy({
      policyName: p.name,
      metric:
        predefined && (p.metric === 'ASGAverageCPUUtilization' || p.metric === 'ALBRequestCountPerTarget')
          ? { predefinedMetricType: p.metric }
          : // AWS offers 10 and 30 s periods for customized metrics only: at high resolution every
            // metric is tracked as if it were one.
            { customizedMetricName: p.metric, period },
      targetValue: p.target,
      disableScaleIn: p.disable_scale_in,
      alarmHigh: { evaluationPeriods: p.alarm_high?.evaluation_periods, datapointsToAlarm: p.alarm_high?.datapoints_to_alarm },
      alarmLow: {
        evaluationPeriods: p.alarm_low?.evaluation_periods,
        datapointsToAlarm: p.alarm_low?.datapoints_to_alarm,
        thresholdRatio: p.alarm_low?.threshold_ratio,
      },
    }),
  }));
  // What step and simple policies share: the alarm they hang on and how they read an adjustment.
  const alarmPolicy = (p: Of<'step'> | Of<'simple'>) => ({
    ...(p.adjustment_type === 'PercentChangeInCapacity'
      ? { adjustmentType: p.adjustment_type, minAdjustmentMagnitude: p.min_adjustment_magnitude }
      : { adjustmentType: p.adjustment_type }),
    policyName: p.name,
    metricName: p.metric,
    alarm: {
      statistic: p.statistic,
      period,
      threshold: p.threshold,
      comparisonOperator: COMPARISON[p.comparison],
      evaluationPeriods: p.evaluation_periods,
      datapointsToAlarm: p.datapoints_to_alarm,
    },
  });
  const step: BoundPolicy<StepScalingPolicy>[] = of('step').map((p) => ({
    metric: p.metric,
    policy: new StepScalingPolicy({
      ...alarmPolicy(p),
      metricAggregationType: p.aggregation,
      stepAdjustments: stepAdjustments(p.steps),
    }),
  }));
  const simple: BoundPolicy<SimpleScalingPolicy>[] = of('simple').map((p) => ({
    metric: p.metric,
    policy: new SimpleScalingPolicy({
      ...alarmPolicy(p),
      scalingAdjustment: p.adjustment,
      cooldown: p.cooldown ?? asg?.default_cooldown,
    }),
  }));
  const keep = Math.max(1, ...[...targetTracking, ...step, ...simple].map((b) => b.policy.periodsNeeded));
  const metrics = new GroupMetricsPublisher(sim, group, lb, outcomes, period, keep);
  const [forecast] = of('predictive');
  const predictive = forecast
    ? new PredictiveScaling(sim, group, metrics, {
        name: forecast.name,
        metric: forecast.metric,
        target: forecast.target,
        mode: forecast.mode,
        schedulingBufferTime: forecast.scheduling_buffer_time,
        maxCapacityBreachBehavior: forecast.max_capacity_breach_behavior,
        maxCapacityBuffer: forecast.max_capacity_buffer ?? 0,
      })
    : undefined;
  const controller = new ScalingController(group, metrics, targetTracking, step, simple, predictive);
  const read = [...of('step'), ...of('simple')].map((p) => ({ metric: p.metric, statistic: p.statistic }));
  const metricsLog = new MetricsLog(metrics, metricColumns(read), MAX_TIME_SERIES_ROWS);
  metrics.onPublished = () => {
    metricsLog.record(sim.now);
    predictive?.observe();
    controller.evaluate();
  };
  const startMs = Date.parse(scenario.start);
  const scheduled = new ScheduledActions(
    sim,
    group,
    of('scheduled').map((p) => ({
      name: p.name,
      recurrence: p.recurrence,
      timeZone: p.time_zone,
      startTime: p.start_time === undefined ? undefined : Date.parse(p.start_time),
      endTime: p.end_time === undefined ? undefined : Date.parse(p.end_time),
      minSize: p.min,
      maxSize: p.max,
      desiredCapacity: p.desired,
    })),
    startMs,
  );
  return {
    metrics,
    metricsLog,
    controller,
    predictive,
    scheduled,
    start() {
      metrics.start();
      scheduled.start();
    },
  };
}
