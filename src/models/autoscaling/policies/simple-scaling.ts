import { MetricAlarm, type MetricAlarmConfig } from '../../cloudwatch/alarm.ts';
import type { MetricSeries } from '../../cloudwatch/metric-series.ts';
import type { GroupState, ScalingDecision } from '../group-state.ts';
import { adjustedCapacity, adjustmentDirection, describeAdjustment, type AdjustmentConfig } from './adjustment.ts';
import { nextDesiredCapacity } from './desired-capacity.ts';

/** DefaultCooldown (aws-semantics.md section 1.5): it applies to simple scaling only. */
export const DEFAULT_COOLDOWN = 300;

export type SimpleScalingPolicyConfig = AdjustmentConfig & {
  readonly policyName: string;
  /** The alarm's metric, as causes name it. */
  readonly metricName: string;
  readonly alarm: MetricAlarmConfig;
  readonly scalingAdjustment: number;
  /** The policy's Cooldown, else the group's DefaultCooldown (section 1.5); default DEFAULT_COOLDOWN. */
  readonly cooldown?: number;
};

/**
 * An EC2 Auto Scaling simple scaling policy (aws-semantics.md section 3.3): one adjustment when its
 * alarm is in ALARM, then nothing until the group's scaling activity has completed and the cooldown
 * has passed since (section 1.5). It knows no instance warmup: EstimatedInstanceWarmup is a
 * target-tracking and step scaling setting only.
 */
export class SimpleScalingPolicy {
  readonly alarm: MetricAlarm;
  readonly cooldown: number;

  constructor(readonly config: SimpleScalingPolicyConfig) {
    this.alarm = new MetricAlarm(config.alarm);
    this.cooldown = config.cooldown ?? DEFAULT_COOLDOWN;
    if (!(this.cooldown >= 0)) throw new RangeError(`simple scaling policy ${config.policyName}: cooldown must be >= 0, got ${this.cooldown}`);
  }

  /** Periods a MetricSeries must keep for this policy. */
  get periodsNeeded(): number {
    return this.alarm.periodsNeeded;
  }

  decide(series: MetricSeries, group: GroupState): ScalingDecision | null {
    const evaluation = this.alarm.evaluate(series, group.now);
    if (evaluation.state !== 'ALARM') return null;
    if (group.activityInProgress || group.now < group.lastActivityCompletedAt + this.cooldown) return null;
    const direction = adjustmentDirection(this.config, this.config.scalingAdjustment, group.desiredCapacity);
    if (direction === null) return null;
    const next = nextDesiredCapacity(direction, adjustedCapacity(group.currentCapacity, this.config, this.config.scalingAdjustment), group);
    if (next === null) return null;
    return {
      desiredCapacity: next,
      cause:
        `simple scaling policy ${this.config.policyName}: ${this.config.metricName} ${evaluation.reason}, ` +
        `${describeAdjustment(this.config, this.config.scalingAdjustment)}, desired ${group.desiredCapacity} -> ${next}`,
    };
  }
}
