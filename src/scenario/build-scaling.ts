import type { Server } from '../models/compute/server.ts';
import type { Simulator } from '../engine/index.ts';
import type { AutoScalingGroup } from '../models/autoscaling/group.ts';
import { GroupMetricsPublisher } from '../models/autoscaling/group-metrics.ts';
import { policyMetricColumns, policyMetricKey, predictiveLoadMetricKey, type PolicyMetric, type PolicyMetricScope } from '../models/autoscaling/policy-metrics.ts';
import { SimpleScalingPolicy } from '../models/autoscaling/policies/simple-scaling.ts';
import { StepScalingPolicy } from '../models/autoscaling/policies/step-scaling.ts';
import { TARGET_TRACKING_PERIOD, TargetTrackingPolicy } from '../models/autoscaling/policies/target-tracking.ts';
import { PredictiveScaling } from '../models/autoscaling/predictive-scaling.ts';
import { ScalingController, type BoundPolicy } from '../models/autoscaling/scaling-controller.ts';
import { ScheduledActions } from '../models/autoscaling/scheduled-actions.ts';
import type { ComparisonOperator } from '../models/cloudwatch/comparison-operator.ts';
import type { LoadBalancerRef } from '../models/cloudwatch/elb-metrics.ts';
import { LoadBalancerMetricsPublisher } from '../models/cloudwatch/load-balancer-metrics.ts';
import { MetricRegistry } from '../models/cloudwatch/metric-registry.ts';
import { MetricsLog } from '../models/cloudwatch/metrics-log.ts';
import type { PeriodicTask } from '../models/cloudwatch/periodic-task.ts';
import { TargetGroupMetricsPublisher } from '../models/cloudwatch/target-group-metrics.ts';
import type { LoadBalancer } from '../models/elb/load-balancer.ts';
import type { TargetGroup } from '../models/elb/target-group.ts';
import type { Outcomes } from '../models/requests/outcomes.ts';
import { MAX_TIME_SERIES_ROWS } from '../models/telemetry/period-sampler.ts';
import { stepAdjustments, type PolicyConfig } from './policy-schema.ts';
import type { Scenario } from './schema.ts';
import { singleResources } from './single-resource.ts';


const COMPARISON: Record<'>' | '>=' | '<' | '<=', ComparisonOperator> = {
  '>': 'GreaterThanThreshold',
  '>=': 'GreaterThanOrEqualToThreshold',
  '<': 'LessThanThreshold',
  '<=': 'LessThanOrEqualToThreshold',
};

type Of<T extends PolicyConfig['type']> = Extract<PolicyConfig, { type: T }>;

/** The group's scaling machinery: metrics, dynamic policies, predictive scaling and scheduled actions. */
export interface BuiltScaling {
  /** The run's CloudWatch metrics. */
  readonly registry: MetricRegistry;
  /** One per resource: the group, its target group, its load balancer. */
  readonly publishers: readonly PeriodicTask[];
  /** Every period's datapoints (metrics.csv). */
  readonly metricsLog: MetricsLog;
  readonly controller: ScalingController;
  readonly predictive: PredictiveScaling | undefined;
  readonly scheduled: ScheduledActions;
  start(): void;
}

export function buildScaling(
  sim: Simulator,
  scenario: Scenario,
  group: AutoScalingGroup,
  targetGroup: TargetGroup<Server>,
  lb: LoadBalancer<Server>,
  outcomes: Outcomes,
): BuiltScaling {
  const asg = singleResources(scenario).group.config;
  const policies = asg.policies;
  // One-minute datapoints (section 2.1), or 10 or 30 s for high resolution.
  const period = asg.metrics_period;
  const predefined = period === TARGET_TRACKING_PERIOD;
  const of = <T extends PolicyConfig['type']>(type: T) => policies.filter((p): p is Of<T> => p.type === type);

  const registry = new MetricRegistry();
  const loadBalancer: LoadBalancerRef = { name: lb.name, type: singleResources(scenario).loadBalancer.config.type };
  // The run's Outcomes stand for the target group's and the load balancer's request counters
  // until they count their own requests.
  const publishers = [
    new GroupMetricsPublisher(sim, registry, group, period),
    new TargetGroupMetricsPublisher(sim, registry, targetGroup, loadBalancer, outcomes, period),
    new LoadBalancerMetricsPublisher(sim, registry, lb, loadBalancer, outcomes, period),
  ];
  // What a metric is measured on: the group and the target group it registers with.
  const groupScope: PolicyMetricScope = { autoScalingGroupName: group.config.name, targetGroup: targetGroup.name, loadBalancer };
  // A policy's ELB metrics are those of the group's target group; a policy naming its own
  // (AWS's ResourceLabel) resolves it here.
  const scopeOf = (_policy: PolicyConfig): PolicyMetricScope => groupScope;
  const subscribe = (metric: PolicyMetric, scope: PolicyMetricScope, periods?: number) => registry.subscribe(policyMetricKey(metric, scope), periods);
  const bind = <P extends { readonly periodsNeeded: number }>(config: PolicyConfig & { metric: PolicyMetric }, policy: P): BoundPolicy<P> => ({
    policy,
    series: subscribe(config.metric, scopeOf(config), policy.periodsNeeded),
  });

  const targetTracking: BoundPolicy<TargetTrackingPolicy>[] = of('target_tracking').map((p) =>
    bind(p, new TargetTrackingPolicy({
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
    })),
  );
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
  const step: BoundPolicy<StepScalingPolicy>[] = of('step').map((p) =>
    bind(
      p,
      new StepScalingPolicy({
        ...alarmPolicy(p),
        metricAggregationType: p.aggregation,
        stepAdjustments: stepAdjustments(p.steps),
      }),
    ),
  );
  const simple: BoundPolicy<SimpleScalingPolicy>[] = of('simple').map((p) =>
    bind(
      p,
      new SimpleScalingPolicy({
        ...alarmPolicy(p),
        scalingAdjustment: p.adjustment,
        cooldown: p.cooldown ?? asg.default_cooldown,
      }),
    ),
  );
  const [forecast] = of('predictive');
  const predictive = forecast
    ? new PredictiveScaling(sim, group, registry.subscribe(predictiveLoadMetricKey(forecast.metric, scopeOf(forecast))), {
        name: forecast.name,
        metric: forecast.metric,
        target: forecast.target,
        mode: forecast.mode,
        schedulingBufferTime: forecast.scheduling_buffer_time,
        maxCapacityBreachBehavior: forecast.max_capacity_breach_behavior,
        maxCapacityBuffer: forecast.max_capacity_buffer ?? 0,
      })
    : undefined;
  const read = [...of('step'), ...of('simple')].map((p) => ({ metric: p.metric, statistic: p.statistic }));
  const columns = policyMetricColumns(read).map((c) => ({ label: `${c.metric}:${c.statistic}`, series: subscribe(c.metric, groupScope), statistic: c.statistic }));
  const metricsLog = new MetricsLog(sim, period, columns, MAX_TIME_SERIES_ROWS);
  const controller = new ScalingController(sim, period, group, targetTracking, step, simple, predictive);
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
    registry,
    publishers,
    metricsLog,
    controller,
    predictive,
    scheduled,
    start() {
      // Readers after the publishers they read (PeriodicTask).
      for (const p of publishers) p.start();
      metricsLog.start();
      controller.start();
      scheduled.start();
    },
  };
}
