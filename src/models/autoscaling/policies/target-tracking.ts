import { MetricAlarm, type AlarmEvaluation } from '../../cloudwatch/alarm.ts';
import { operatorSymbol } from '../../cloudwatch/comparison-operator.ts';
import { statisticOf } from '../../cloudwatch/datapoint.ts';
import type { MetricSeries } from '../../cloudwatch/metric-series.ts';
import { formatMetricValue, formatSetting } from '../../cloudwatch/value-format.ts';
import type { GroupState, ScalingDecision } from '../group-state.ts';
import { nextDesiredCapacity, type ScalingDirection } from './desired-capacity.ts';

export type PredefinedMetricType = 'ASGAverageCPUUtilization' | 'ALBRequestCountPerTarget';

/**
 * What a target-tracking policy follows. Its datapoints must hold the total in `sum` and the
 * instances (or targets) it was measured on in `sampleCount`, so that Average is the per-instance
 * value the target is set in (CPU %, requests per target per minute) and warming instances, which
 * the metric leaves out (section 1.4), are not in `sampleCount` either.
 */
export type TargetTrackingMetric =
  | { readonly predefinedMetricType: PredefinedMetricType }
  | {
      readonly customizedMetricName: string;
      /** Seconds: 60 (default), or 10 or 30 for a high-resolution metric (section 2.1). */
      readonly period?: number;
    };

/** Metric period of target tracking (aws-semantics.md section 2.1). */
export const TARGET_TRACKING_PERIOD = 60;
/** Periods a customized metric may use (section 2.1, TargetTrackingMetricStat.Period). */
export const CUSTOMIZED_METRIC_PERIODS: readonly number[] = [10, 30, 60];

/**
 * The AlarmHigh AWS creates: metric > target for 3 of 3 datapoints (section 2.2, [OBSERVED]).
 * DatapointsToAlarm is left to default to EvaluationPeriods, so overriding N alone keeps N of N.
 */
export const ALARM_HIGH_DEFAULTS = { evaluationPeriods: 3 } as const;
/**
 * The AlarmLow AWS creates for an EC2 Auto Scaling group: metric < 0.7 x target for 15 of 15
 * datapoints (section 2.2, [OBSERVED]; Application Auto Scaling targets use 0.9).
 */
export const ALARM_LOW_DEFAULTS = { evaluationPeriods: 15, thresholdRatio: 0.7 } as const;

/** Overrides for the [OBSERVED] shape of the alarms AWS creates; DatapointsToAlarm defaults to EvaluationPeriods. */
export interface TargetTrackingAlarmShape {
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
}

export interface TargetTrackingPolicyConfig {
  readonly policyName: string;
  readonly metric: TargetTrackingMetric;
  readonly targetValue: number;
  /** DisableScaleIn, default false (section 2.1). */
  readonly disableScaleIn?: boolean;
  readonly alarmHigh?: TargetTrackingAlarmShape;
  /** `thresholdRatio`: AlarmLow's threshold as a fraction of the target. */
  readonly alarmLow?: TargetTrackingAlarmShape & { readonly thresholdRatio?: number };
}

export interface TargetTrackingDecision extends ScalingDecision {
  readonly direction: ScalingDirection;
}

/**
 * An EC2 Auto Scaling target-tracking policy with the alarm pair AWS creates for it (section 2.2).
 * Capacity (section 2.3, [INFERRED]): the latest datapoint is an average over `sampleCount`
 * instances, so the group needs sampleCount x metric / target of them, rounded up. Rounding up
 * adds 1.5 instances as 2 and removes 1.5 as 1, AWS's documented example (section 2.1).
 * - AlarmHigh in ALARM: scale out to that many if it is more than desired capacity. Warming
 *   instances are already in desired capacity but not in `sampleCount`, so a breach that persists
 *   while they warm asks for the same number again and adds nothing (section 1.4).
 * - AlarmLow in ALARM: scale in to what the busiest of its evaluated datapoints needs, never
 *   while an instance warms (section 1.4), never
 *   with DisableScaleIn.
 * Neither alarm acts in INSUFFICIENT_DATA, so missing data stops scaling (section 2.1).
 *
 * Section 2.3 writes current capacity where this uses `sampleCount`; the two agree when no
 * instance warms, and only `sampleCount` keeps repeated breaches during warmup to one activity.
 */
export class TargetTrackingPolicy {
  readonly metricName: string;
  readonly alarmHigh: MetricAlarm;
  /** Null with DisableScaleIn: nothing would act on it. */
  readonly alarmLow: MetricAlarm | null;

  constructor(readonly config: TargetTrackingPolicyConfig) {
    const { metric, targetValue, policyName } = config;
    if (!(targetValue > 0) || !Number.isFinite(targetValue)) {
      throw new RangeError(`target tracking policy ${policyName}: TargetValue must be a positive number, got ${targetValue}`);
    }
    const period = 'predefinedMetricType' in metric ? TARGET_TRACKING_PERIOD : (metric.period ?? TARGET_TRACKING_PERIOD);
    if (!CUSTOMIZED_METRIC_PERIODS.includes(period)) {
      throw new RangeError(`target tracking policy ${policyName}: period must be one of ${CUSTOMIZED_METRIC_PERIODS.join(', ')} s, got ${period}`);
    }
    this.metricName = 'predefinedMetricType' in metric ? metric.predefinedMetricType : metric.customizedMetricName;
    this.alarmHigh = new MetricAlarm({
      statistic: 'Average',
      period,
      threshold: targetValue,
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: config.alarmHigh?.evaluationPeriods ?? ALARM_HIGH_DEFAULTS.evaluationPeriods,
      datapointsToAlarm: config.alarmHigh?.datapointsToAlarm,
    });
    this.alarmLow = config.disableScaleIn
      ? null
      : new MetricAlarm({
          statistic: 'Average',
          period,
          threshold: targetValue * (config.alarmLow?.thresholdRatio ?? ALARM_LOW_DEFAULTS.thresholdRatio),
          comparisonOperator: 'LessThanThreshold',
          evaluationPeriods: config.alarmLow?.evaluationPeriods ?? ALARM_LOW_DEFAULTS.evaluationPeriods,
          datapointsToAlarm: config.alarmLow?.datapointsToAlarm,
        });
  }

  get scaleInEnabled(): boolean {
    return this.alarmLow !== null;
  }

  /** Periods a MetricSeries must keep for this policy. */
  get periodsNeeded(): number {
    return Math.max(this.alarmHigh.periodsNeeded, this.alarmLow?.periodsNeeded ?? 0);
  }

  decide(series: MetricSeries, group: GroupState): TargetTrackingDecision | null {
    // Both alarms evaluate every time so each one's state follows its data.
    const high = this.alarmHigh.evaluate(series, group.now);
    const low = this.alarmLow === null ? null : { alarm: this.alarmLow, evaluation: this.alarmLow.evaluate(series, group.now) };
    if (high.state === 'ALARM') return this.resize('out', this.alarmHigh, high, group);
    if (low?.evaluation.state === 'ALARM' && group.warmingCapacity === 0) return this.resize('in', low.alarm, low.evaluation, group);
    return null;
  }

  private resize(direction: ScalingDirection, alarm: MetricAlarm, evaluation: AlarmEvaluation, group: GroupState): TargetTrackingDecision | null {
    // Alarms on `missing` data reach ALARM only on real datapoints, so there is a latest one.
    // Out: size on the latest datapoint. In: size on the busiest datapoint the alarm evaluated,
    // so that one quiet minute at the end of the window does not shrink the fleet to fit it:
    // AWS scales in "more gradually" (section 2.1) and publishes no formula ([INFERRED]).
    const points = evaluation.datapoints;
    const basis = direction === 'out' ? points[points.length - 1] : points.reduce((a, b) => (b.sum > a.sum ? b : a));
    const metric = statisticOf(basis, 'Average');
    const needed = (basis.sampleCount * metric) / this.config.targetValue;
    // The tolerance keeps float noise in a metric's sum (6.000000000000001) from buying an instance.
    const next = nextDesiredCapacity(direction, Math.ceil(needed - 1e-9), group);
    if (next === null) return null;
    return {
      direction,
      desiredCapacity: next,
      cause:
        `target tracking policy ${this.config.policyName}: ${this.metricName} ${formatMetricValue(metric)} ` +
        `${operatorSymbol(alarm.comparisonOperator)} ${formatSetting(alarm.threshold)} for ${evaluation.breaching} of ${alarm.evaluationPeriods} datapoints, ` +
        `desired ${group.desiredCapacity} -> ${next}`,
    };
  }
}
