import { describe, expect, it } from 'vitest';
import type { GroupState } from '../../../../src/models/autoscaling/group-state.ts';
import { StepScalingPolicy, type StepScalingPolicyConfig } from '../../../../src/models/autoscaling/policies/step-scaling.ts';
import type { StepAdjustment } from '../../../../src/models/autoscaling/policies/step-adjustments.ts';
import type { ComparisonOperator } from '../../../../src/models/cloudwatch/comparison-operator.ts';
import { MetricSeries } from '../../../../src/models/cloudwatch/metric-series.ts';
import { pointAt } from '../../cloudwatch/series-fixture.ts';
import { groupState } from './group-fixture.ts';

function step(lower: number | null, upper: number | null, scalingAdjustment: number): StepAdjustment {
  return { metricIntervalLowerBound: lower, metricIntervalUpperBound: upper, scalingAdjustment };
}

function policy(name: string, threshold: number, comparisonOperator: ComparisonOperator, stepAdjustments: StepAdjustment[], extra: Partial<StepScalingPolicyConfig> = {}): StepScalingPolicy {
  return new StepScalingPolicy({
    policyName: name,
    metricName: 'CPUUtilization',
    adjustmentType: 'PercentChangeInCapacity',
    alarm: { statistic: 'Average', period: 60, threshold, comparisonOperator, evaluationPeriods: 1 },
    stepAdjustments,
    ...extra,
  } as StepScalingPolicyConfig);
}

/** One datapoint a minute; each `at` closes the next minute with `value` and asks `p` with the group as given. */
function minutes() {
  const series = new MetricSeries(60, 8);
  let minute = 0;
  return {
    at(value: number, group: Partial<GroupState>, ...policies: StepScalingPolicy[]) {
      series.append(pointAt(minute * 60, value));
      minute++;
      return policies.map((p) => p.decide(series, groupState({ now: minute * 60, ...group })));
    },
  };
}

// AWS's example policies (ASG-UG:as-scaling-simple-step), both on an alarm threshold of 50.
const scaleOut = () => policy('scale-out', 50, 'GreaterThanOrEqualToThreshold', [step(0, 10, 0), step(10, 20, 10), step(20, null, 30)]);
const scaleIn = () => policy('scale-in', 50, 'LessThanOrEqualToThreshold', [step(-10, 0, 0), step(-20, -10, -10), step(null, -20, -30)]);

describe("step scaling: AWS's worked example (aws-semantics.md section 3.1)", () => {
  it('10 -> 11 at 60, -> 14 at 70, -> 13 at 40, -> 10 at 30', () => {
    const out = scaleOut();
    const inn = scaleIn();
    const run = minutes();
    // Between 40 and 60 nothing changes: the 0 steps.
    expect(run.at(55, { desiredCapacity: 10, currentCapacity: 10 }, out, inn)).toEqual([null, null]);
    expect(run.at(45, { desiredCapacity: 10, currentCapacity: 10 }, out, inn)).toEqual([null, null]);
    // 60: +10 % of 10 = 1.
    const [at60] = run.at(60, { desiredCapacity: 10, currentCapacity: 10 }, out, inn);
    expect(at60).toEqual({
      desiredCapacity: 11,
      cause: 'step scaling policy scale-out: CPUUtilization 60.0 (Average of 1 datapoint) in step [60, 70), PercentChangeInCapacity +10 on capacity 10, desired 10 -> 11',
    });
    // 70 once the 11th instance has warmed up: +30 % of 11 = 3.3 -> 3.
    expect(run.at(70, { desiredCapacity: 11, currentCapacity: 11 }, out, inn)[0]?.desiredCapacity).toBe(14);
    // 40: -10 % of 14 = -1.4 -> -1.
    const [outAt40, at40] = run.at(40, { desiredCapacity: 14, currentCapacity: 14 }, out, inn);
    expect(outAt40).toBeNull();
    expect(at40).toEqual({
      desiredCapacity: 13,
      cause: 'step scaling policy scale-in: CPUUtilization 40.0 (Average of 1 datapoint) in step (30, 40], PercentChangeInCapacity -10 on capacity 14, desired 14 -> 13',
    });
    // 30 once that instance is gone: -30 % of 13 = -3.9 -> -3.
    expect(run.at(30, { desiredCapacity: 13, currentCapacity: 13 }, out, inn)[1]?.desiredCapacity).toBe(10);
  });

  it('the same with the scale-in policy on its own, lower threshold (40)', () => {
    const inn = policy('scale-in', 40, 'LessThanOrEqualToThreshold', [step(-10, 0, -10), step(null, -10, -30)]);
    const run = minutes();
    expect(run.at(45, { desiredCapacity: 14, currentCapacity: 14 }, inn)).toEqual([null]);
    expect(run.at(40, { desiredCapacity: 14, currentCapacity: 14 }, inn)[0]?.desiredCapacity).toBe(13);
    expect(run.at(30, { desiredCapacity: 13, currentCapacity: 13 }, inn)[0]?.desiredCapacity).toBe(10);
  });

  it("while the 11th instance warms: 62 adds nothing, 70 adds 30 % of 10 = 3 minus the 1 on its way (the guide's warmup example)", () => {
    const out = scaleOut();
    const run = minutes();
    expect(run.at(60, { desiredCapacity: 10, currentCapacity: 10 }, out)[0]?.desiredCapacity).toBe(11);
    const warming = { desiredCapacity: 11, currentCapacity: 11, warmingCapacity: 1, activityInProgress: true };
    expect(run.at(62, warming, out)).toEqual([null]);
    expect(run.at(70, warming, out)[0]).toMatchObject({ desiredCapacity: 13, cause: expect.stringContaining('on capacity 10, desired 11 -> 13') });
  });
});

describe('step scaling: warmup and termination (aws-semantics.md sections 1.4, 3.1)', () => {
  it('blocks scale-in while any instance warms', () => {
    const run = minutes();
    expect(run.at(30, { desiredCapacity: 14, currentCapacity: 14, warmingCapacity: 1 }, scaleIn())).toEqual([null]);
  });

  it('counts terminating instances when sizing a scale-in, so a breach that persists while one drains removes no more', () => {
    const inn = scaleIn();
    const run = minutes();
    expect(run.at(40, { desiredCapacity: 13, currentCapacity: 13, terminatingCapacity: 1, activityInProgress: true }, inn)).toEqual([null]);
    // A deeper step removes only the difference: -30 % of 14 = -4.2 -> -4, desired 13 -> 10.
    expect(run.at(30, { desiredCapacity: 13, currentCapacity: 13, terminatingCapacity: 1, activityInProgress: true }, inn)[0]?.desiredCapacity).toBe(10);
  });

  it('has no cooldown: it acts again at once when a new step is reached', () => {
    const out = scaleOut();
    const run = minutes();
    expect(run.at(60, { desiredCapacity: 10, currentCapacity: 10 }, out)[0]?.desiredCapacity).toBe(11);
    expect(run.at(75, { desiredCapacity: 11, currentCapacity: 11, lastActivityCompletedAt: 110 }, out)[0]?.desiredCapacity).toBe(14);
  });
});

describe('step scaling: aggregation, bounds and validation', () => {
  it('applies MetricAggregationType to the datapoints the alarm evaluated (section 3.1)', () => {
    const steps = [step(0, 10, 1), step(10, 20, 2), step(20, null, 3)];
    const alarm = { statistic: 'Average', period: 60, threshold: 50, comparisonOperator: 'GreaterThanThreshold', evaluationPeriods: 3 } as const;
    const make = (metricAggregationType: 'Average' | 'Minimum' | 'Maximum') =>
      new StepScalingPolicy({ policyName: metricAggregationType, metricName: 'CPUUtilization', adjustmentType: 'ChangeInCapacity', alarm, stepAdjustments: steps, metricAggregationType });
    const series = new MetricSeries(60, 5);
    [55, 65, 75].forEach((v, i) => series.append(pointAt(i * 60, v)));
    const group = groupState({ now: 180 });
    expect(make('Minimum').decide(series, group)?.desiredCapacity).toBe(11);
    expect(make('Average').decide(series, group)?.desiredCapacity).toBe(12);
    expect(make('Maximum').decide(series, group)?.desiredCapacity).toBe(13);
  });

  it('clamps to [min, max] and does nothing at the bound', () => {
    const run = minutes();
    const out = scaleOut();
    expect(run.at(80, { desiredCapacity: 10, currentCapacity: 10, maxSize: 12 }, out)[0]?.desiredCapacity).toBe(12);
    expect(run.at(80, { desiredCapacity: 12, currentCapacity: 12, maxSize: 12 }, out)).toEqual([null]);
    expect(run.at(20, { desiredCapacity: 10, currentCapacity: 10, minSize: 9 }, scaleIn())[0]?.desiredCapacity).toBe(9);
  });

  it('ExactCapacity sets the capacity, in either direction', () => {
    const up = policy('exact-up', 50, 'GreaterThanThreshold', [step(0, null, 8)], { adjustmentType: 'ExactCapacity' });
    const down = policy('exact-down', 20, 'LessThanThreshold', [step(null, 0, 2)], { adjustmentType: 'ExactCapacity' });
    const run = minutes();
    expect(run.at(90, { desiredCapacity: 4, currentCapacity: 4 }, up)[0]?.desiredCapacity).toBe(8);
    expect(run.at(10, { desiredCapacity: 8, currentCapacity: 8 }, down)[0]?.desiredCapacity).toBe(2);
  });

  it('refuses invalid steps, naming the policy', () => {
    expect(() => policy('bad', 50, 'GreaterThanThreshold', [step(0, 10, 1), step(5, null, 2)])).toThrow('step scaling policy bad: steps 1 and 2 overlap');
  });
});
