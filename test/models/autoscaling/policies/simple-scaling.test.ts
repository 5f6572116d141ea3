import { describe, expect, it } from 'vitest';
import { DEFAULT_COOLDOWN, SimpleScalingPolicy } from '../../../../src/models/autoscaling/policies/simple-scaling.ts';
import { seriesOf } from '../../cloudwatch/series-fixture.ts';
import { groupState } from './group-fixture.ts';

function addTwo(cooldown?: number): SimpleScalingPolicy {
  return new SimpleScalingPolicy({
    policyName: 'add-two',
    metricName: 'CPUUtilization',
    alarm: { statistic: 'Average', period: 60, threshold: 80, comparisonOperator: 'GreaterThanThreshold', evaluationPeriods: 2 },
    adjustmentType: 'ChangeInCapacity',
    scalingAdjustment: 2,
    cooldown,
  });
}

describe('simple scaling (aws-semantics.md sections 1.5, 3.3)', () => {
  // Thirty minutes at 90 % CPU, read at whatever time each case asks.
  const { series } = seriesOf(Array.from({ length: 30 }, () => 90));

  it('acts once its alarm is in ALARM, from current capacity', () => {
    expect(addTwo().decide(series, groupState({ now: 600, desiredCapacity: 4, currentCapacity: 4 }))).toEqual({
      desiredCapacity: 6,
      cause: 'simple scaling policy add-two: CPUUtilization 2 of 2 datapoints > 80 (90.0, 90.0), ChangeInCapacity +2, desired 4 -> 6',
    });
  });

  it('does nothing while the scaling activity is in progress', () => {
    expect(addTwo().decide(series, groupState({ now: 600, activityInProgress: true }))).toBeNull();
  });

  it('waits the default cooldown of 300 s after the activity completes', () => {
    expect(DEFAULT_COOLDOWN).toBe(300);
    const policy = addTwo();
    expect(policy.decide(series, groupState({ now: 1000 + 299, lastActivityCompletedAt: 1000 }))).toBeNull();
    expect(policy.decide(series, groupState({ now: 1000 + 300, lastActivityCompletedAt: 1000 }))?.desiredCapacity).toBe(12);
  });

  it("a policy's own Cooldown overrides the default", () => {
    const policy = addTwo(60);
    expect(policy.decide(series, groupState({ now: 1059, lastActivityCompletedAt: 1000 }))).toBeNull();
    expect(policy.decide(series, groupState({ now: 1060, lastActivityCompletedAt: 1000 }))?.desiredCapacity).toBe(12);
  });

  it('does nothing without ALARM, or at max size', () => {
    const calm = seriesOf([90, 50]);
    expect(addTwo().decide(calm.series, groupState({ now: calm.now }))).toBeNull();
    expect(addTwo().decide(series, groupState({ now: 600, desiredCapacity: 10, maxSize: 10 }))).toBeNull();
    expect(addTwo().decide(series, groupState({ now: 600, desiredCapacity: 9, currentCapacity: 9, maxSize: 10 }))?.desiredCapacity).toBe(10);
  });
});
