import { MetricAlarm, type MetricAlarmConfig } from '../../cloudwatch/alarm.ts';
import { breachesAbove } from '../../cloudwatch/comparison-operator.ts';
import type { MetricSeries } from '../../cloudwatch/metric-series.ts';
import { formatMetricValue } from '../../cloudwatch/value-format.ts';
import type { GroupState, ScalingDecision } from '../group-state.ts';
import { adjustedCapacity, adjustmentDirection, describeAdjustment, type AdjustmentConfig } from './adjustment.ts';
import { nextDesiredCapacity } from './desired-capacity.ts';
import { describeStep, stepAdjustmentProblems, stepFor, type StepAdjustment } from './step-adjustments.ts';

export type MetricAggregationType = 'Average' | 'Minimum' | 'Maximum';

/** aws-semantics.md section 3.1 (PutScalingPolicy MetricAggregationType). */
const DEFAULT_METRIC_AGGREGATION_TYPE: MetricAggregationType = 'Average';

export type StepScalingPolicyConfig = AdjustmentConfig & {
  readonly policyName: string;
  /** The alarm's metric, as causes name it (e.g. CPUUtilization). */
  readonly metricName: string;
  /** The CloudWatch alarm that invokes the policy; step bounds are offsets from its threshold. */
  readonly alarm: MetricAlarmConfig;
  readonly stepAdjustments: readonly StepAdjustment[];
  readonly metricAggregationType?: MetricAggregationType;
};

/**
 * An EC2 Auto Scaling step scaling policy (aws-semantics.md section 3.1). It has no cooldown: every
 * evaluation in ALARM may act. Warmup (section 1.4): a scale-out is sized on the capacity that is
 * not warming and only raises desired capacity past what is already there or on its way, so a
 * breach in the same step while instances warm adds nothing and a larger step adds the difference
 * (AWS: metric 70 while the 11th instance warms asks 30 % of 10 = 3, desired 11 -> 13). A scale-in
 * waits until no instance warms and counts terminating instances, so it removes no more than needed.
 */
export class StepScalingPolicy {
  readonly alarm: MetricAlarm;
  private readonly aggregation: MetricAggregationType;

  constructor(readonly config: StepScalingPolicyConfig) {
    const problems = stepAdjustmentProblems(config.stepAdjustments);
    if (problems.length > 0) throw new RangeError(`step scaling policy ${config.policyName}: ${problems.join('; ')}`);
    this.alarm = new MetricAlarm(config.alarm);
    this.aggregation = config.metricAggregationType ?? DEFAULT_METRIC_AGGREGATION_TYPE;
  }

  /** Periods a MetricSeries must keep for this policy. */
  get periodsNeeded(): number {
    return this.alarm.periodsNeeded;
  }

  decide(series: MetricSeries, group: GroupState): ScalingDecision | null {
    const evaluation = this.alarm.evaluate(series, group.now);
    // An alarm held in ALARM by missing data treated as breaching has no value to place in a step.
    if (evaluation.state !== 'ALARM' || evaluation.values.length === 0) return null;
    const value = aggregate(evaluation.values, this.aggregation);
    const above = breachesAbove(this.alarm.comparisonOperator);
    const step = stepFor(this.config.stepAdjustments, value - this.alarm.threshold, above);
    if (step === undefined) return null;
    const direction = adjustmentDirection(this.config, step.scalingAdjustment, group.desiredCapacity);
    if (direction === null || (direction === 'in' && group.warmingCapacity > 0)) return null;
    const base = direction === 'out' ? group.currentCapacity - group.warmingCapacity : group.currentCapacity + group.terminatingCapacity;
    const next = nextDesiredCapacity(direction, adjustedCapacity(base, this.config, step.scalingAdjustment), group);
    if (next === null) return null;
    const n = evaluation.values.length;
    return {
      desiredCapacity: next,
      cause:
        `step scaling policy ${this.config.policyName}: ${this.config.metricName} ${formatMetricValue(value)} ` +
        `(${this.aggregation} of ${n} datapoint${n === 1 ? '' : 's'}) in step ${describeStep(step, this.alarm.threshold, above)}, ` +
        `${describeAdjustment(this.config, step.scalingAdjustment)} on capacity ${base}, desired ${group.desiredCapacity} -> ${next}`,
    };
  }
}

/**
 * MetricAggregationType over the datapoints the alarm evaluated. AWS applies it to "the most
 * recent metric data points" without saying how many; the alarm's evaluated datapoints are the
 * ones that made it breach.
 */
function aggregate(values: readonly number[], aggregation: MetricAggregationType): number {
  switch (aggregation) {
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
  }
}
