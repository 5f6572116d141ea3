import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GroupState, ScalingDecision } from '../../../../src/models/autoscaling/group-state.ts';
import type { AdjustmentConfig } from '../../../../src/models/autoscaling/policies/adjustment.ts';
import { SimpleScalingPolicy } from '../../../../src/models/autoscaling/policies/simple-scaling.ts';
import type { StepAdjustment } from '../../../../src/models/autoscaling/policies/step-adjustments.ts';
import { StepScalingPolicy } from '../../../../src/models/autoscaling/policies/step-scaling.ts';
import { TargetTrackingPolicy } from '../../../../src/models/autoscaling/policies/target-tracking.ts';
import { MetricSeries } from '../../../../src/models/cloudwatch/metric-series.ts';
import { pointAt } from '../../cloudwatch/series-fixture.ts';

interface Policy<D extends ScalingDecision> {
  readonly periodsNeeded: number;
  decide(series: MetricSeries, group: GroupState): D | null;
}

/** A group in any consistent state; `now` is set per minute. */
const groups = fc
  .record({
    minSize: fc.integer({ min: 0, max: 20 }),
    span: fc.integer({ min: 0, max: 30 }),
    desiredAt: fc.double({ min: 0, max: 1, noNaN: true }),
    currentDelta: fc.integer({ min: -3, max: 3 }),
    warmingShare: fc.double({ min: 0, max: 1, noNaN: true }),
    terminatingCapacity: fc.integer({ min: 0, max: 5 }),
    activityInProgress: fc.boolean(),
    lastActivityCompletedAt: fc.oneof(fc.constant(-Infinity), fc.integer({ min: 0, max: 1500 })),
  })
  .map((g) => {
    const maxSize = g.minSize + g.span;
    const desiredCapacity = g.minSize + Math.round(g.desiredAt * g.span);
    const currentCapacity = Math.max(0, desiredCapacity + g.currentDelta);
    return {
      minSize: g.minSize,
      maxSize,
      desiredCapacity,
      currentCapacity,
      warmingCapacity: Math.round(g.warmingShare * currentCapacity),
      terminatingCapacity: g.terminatingCapacity,
      activityInProgress: g.activityInProgress,
      lastActivityCompletedAt: g.lastActivityCompletedAt,
    };
  });

/** Minutes of a metric, some missing, each measured on 1 to 20 instances. */
const metrics = fc.array(fc.record({ value: fc.option(fc.double({ min: 0, max: 200, noNaN: true }), { nil: null }), samples: fc.integer({ min: 1, max: 20 }) }), {
  minLength: 1,
  maxLength: 25,
});

const targetTracking = fc
  .record({ targetValue: fc.double({ min: 1, max: 150, noNaN: true }), disableScaleIn: fc.boolean() })
  .map((c) => new TargetTrackingPolicy({ policyName: 'tt', metric: { predefinedMetricType: 'ASGAverageCPUUtilization' }, ...c }));

const adjustments: fc.Arbitrary<AdjustmentConfig> = fc.oneof(
  fc.constantFrom<AdjustmentConfig>({ adjustmentType: 'ChangeInCapacity' }, { adjustmentType: 'ExactCapacity' }),
  fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }).map((minAdjustmentMagnitude): AdjustmentConfig => ({ adjustmentType: 'PercentChangeInCapacity', minAdjustmentMagnitude })),
);

/** Valid steps by construction: (-inf, b1), [b1, b2), ..., [bk, +inf). */
const stepScaling = fc
  .record({
    above: fc.boolean(),
    threshold: fc.integer({ min: 0, max: 150 }),
    evaluationPeriods: fc.integer({ min: 1, max: 3 }),
    bounds: fc.uniqueArray(fc.integer({ min: -60, max: 60 }), { minLength: 1, maxLength: 6 }),
    amounts: fc.array(fc.integer({ min: -60, max: 60 }), { minLength: 7, maxLength: 7 }),
    adjustment: adjustments,
  })
  .map((c) => {
    const b = [...c.bounds].sort((x, y) => x - y);
    const edges = [null, ...b, null];
    const steps: StepAdjustment[] = edges.slice(1).map((upper, i) => ({
      metricIntervalLowerBound: edges[i],
      metricIntervalUpperBound: upper,
      scalingAdjustment: c.adjustment.adjustmentType === 'ExactCapacity' ? Math.abs(c.amounts[i]) : c.amounts[i],
    }));
    return new StepScalingPolicy({
      ...c.adjustment,
      policyName: 'step',
      metricName: 'M',
      alarm: { statistic: 'Average', period: 60, threshold: c.threshold, comparisonOperator: c.above ? 'GreaterThanOrEqualToThreshold' : 'LessThanThreshold', evaluationPeriods: c.evaluationPeriods },
      stepAdjustments: steps,
    });
  });

const simpleScaling = fc
  .record({ adjustment: adjustments, scalingAdjustment: fc.integer({ min: -30, max: 30 }), threshold: fc.integer({ min: 0, max: 150 }), above: fc.boolean() })
  .map(
    (c) =>
      new SimpleScalingPolicy({
        ...c.adjustment,
        policyName: 'simple',
        metricName: 'M',
        alarm: { statistic: 'Average', period: 60, threshold: c.threshold, comparisonOperator: c.above ? 'GreaterThanThreshold' : 'LessThanOrEqualToThreshold', evaluationPeriods: 1 },
        scalingAdjustment: c.adjustment.adjustmentType === 'ExactCapacity' ? Math.abs(c.scalingAdjustment) : c.scalingAdjustment,
      }),
  );

/** Feeds the minutes one by one and asks the policy after each; returns every decision with the group it saw. */
function run<D extends ScalingDecision>(policy: Policy<D>, minutes: readonly { value: number | null; samples: number }[], group: Omit<GroupState, 'now'>) {
  const series = new MetricSeries(60, policy.periodsNeeded);
  return minutes.map((m, i) => {
    if (m.value !== null) series.append(pointAt(i * 60, m.value, m.samples));
    const seen: GroupState = { ...group, now: (i + 1) * 60 };
    return { seen, decision: policy.decide(series, seen) };
  });
}

function checkBounds(decision: ScalingDecision | null, group: GroupState): void {
  if (decision === null) return;
  expect(Number.isInteger(decision.desiredCapacity)).toBe(true);
  expect(decision.desiredCapacity).toBeGreaterThanOrEqual(group.minSize);
  expect(decision.desiredCapacity).toBeLessThanOrEqual(group.maxSize);
  expect(decision.desiredCapacity).not.toBe(group.desiredCapacity);
}

function checkNoScaleInWhileWarming(decision: ScalingDecision | null, group: GroupState): void {
  if (decision !== null && group.warmingCapacity > 0) expect(decision.desiredCapacity).toBeGreaterThan(group.desiredCapacity);
}

describe('every policy decision (property)', () => {
  it('target tracking: within [min, max], never in while warming, direction as labelled', () => {
    fc.assert(
      fc.property(targetTracking, metrics, groups, (policy, minutes, group) => {
        for (const { seen, decision } of run(policy, minutes, group)) {
          checkBounds(decision, seen);
          checkNoScaleInWhileWarming(decision, seen);
          if (decision !== null) expect(decision.direction === 'out').toBe(decision.desiredCapacity > seen.desiredCapacity);
          if (decision?.direction === 'in') expect(policy.scaleInEnabled).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('step scaling: within [min, max], never in while warming', () => {
    fc.assert(
      fc.property(stepScaling, metrics, groups, (policy, minutes, group) => {
        for (const { seen, decision } of run(policy, minutes, group)) {
          checkBounds(decision, seen);
          checkNoScaleInWhileWarming(decision, seen);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('simple scaling: within [min, max], never during an activity or its cooldown', () => {
    fc.assert(
      fc.property(simpleScaling, metrics, groups, (policy, minutes, group) => {
        for (const { seen, decision } of run(policy, minutes, group)) {
          checkBounds(decision, seen);
          if (decision !== null) {
            expect(seen.activityInProgress).toBe(false);
            expect(seen.now).toBeGreaterThanOrEqual(seen.lastActivityCompletedAt + policy.cooldown);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
