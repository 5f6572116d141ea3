import { describe, expect, it } from 'vitest';
import { MAX_STEP_ADJUSTMENTS, stepAdjustmentProblems, stepFor, type StepAdjustment } from '../../../../src/models/autoscaling/policies/step-adjustments.ts';

function step(lower: number | null, upper: number | null, adjustment = 1): StepAdjustment {
  return { metricIntervalLowerBound: lower, metricIntervalUpperBound: upper, scalingAdjustment: adjustment };
}

// AWS's example (aws-semantics.md section 3.1; ASG-UG:as-scaling-simple-step), threshold 50.
const scaleOut = [step(0, 10, 0), step(10, 20, 10), step(20, null, 30)];
const scaleIn = [step(-10, 0, 0), step(-20, -10, -10), step(null, -20, -30)];

describe('step adjustment rules (aws-semantics.md section 3.1)', () => {
  it("accepts AWS's example policies, and steps that do not start at the threshold", () => {
    expect(stepAdjustmentProblems(scaleOut)).toEqual([]);
    expect(stepAdjustmentProblems(scaleIn)).toEqual([]);
    // The guide's CLI example: threshold 60, steps from +10.
    expect(stepAdjustmentProblems([step(10, 20), step(20, 30), step(30, null)])).toEqual([]);
    expect(stepAdjustmentProblems([step(0, null)])).toEqual([]);
  });

  it('rejects overlaps and gaps, whatever order the steps are given in', () => {
    expect(stepAdjustmentProblems([step(20, null), step(0, 15), step(10, 20)])).toEqual(['steps 2 and 3 overlap']);
    expect(stepAdjustmentProblems([step(0, 10), step(20, null), step(12, 20)])).toEqual(['gap between step 1 (upper bound 10) and step 3 (lower bound 12)']);
  });

  it('allows one null lower and one null upper bound, never both in one step', () => {
    expect(stepAdjustmentProblems([step(null, 0), step(null, 10), step(10, null)])).toContain('2 steps have a null lower bound, at most one may');
    expect(stepAdjustmentProblems([step(0, null), step(10, null)])).toContain('2 steps have a null upper bound, at most one may');
    expect(stepAdjustmentProblems([step(null, null)])).toContain('step 1: lower and upper bound are both null');
  });

  it('needs a null lower bound when a lower bound is negative, and a null upper bound when an upper bound is positive', () => {
    expect(stepAdjustmentProblems([step(-20, -10), step(-10, 0)])).toEqual(['a step has a negative lower bound, so one step needs a null lower bound']);
    expect(stepAdjustmentProblems([step(0, 10), step(10, 20)])).toEqual(['a step has a positive upper bound, so one step needs a null upper bound']);
  });

  it('rejects empty or inverted intervals, fractional adjustments, no steps and more than 20', () => {
    expect(stepAdjustmentProblems([step(10, 10), step(10, null)])).toContain('step 1: lower bound 10 is not below upper bound 10');
    expect(stepAdjustmentProblems([step(0, null, 1.5)])).toEqual(['step 1: ScalingAdjustment 1.5 is not an integer']);
    expect(stepAdjustmentProblems([])).toEqual(['a step scaling policy needs at least one step adjustment']);
    const many = Array.from({ length: MAX_STEP_ADJUSTMENTS + 1 }, (_, i) => step(i, i === MAX_STEP_ADJUSTMENTS ? null : i + 1));
    expect(stepAdjustmentProblems(many)).toEqual(['21 step adjustments, at most 20 allowed']);
    expect(stepAdjustmentProblems(many.slice(1))).toEqual([]);
  });
});

describe('step lookup (aws-semantics.md section 3.1)', () => {
  it('above the threshold: lower bound inclusive, upper exclusive', () => {
    expect(stepFor(scaleOut, 0, true)).toBe(scaleOut[0]);
    expect(stepFor(scaleOut, 9.99, true)).toBe(scaleOut[0]);
    expect(stepFor(scaleOut, 10, true)).toBe(scaleOut[1]);
    expect(stepFor(scaleOut, 1e9, true)).toBe(scaleOut[2]);
    expect(stepFor(scaleOut, -0.01, true)).toBeUndefined();
  });

  it('below the threshold: lower bound exclusive, upper inclusive', () => {
    expect(stepFor(scaleIn, 0, false)).toBe(scaleIn[0]);
    expect(stepFor(scaleIn, -9.99, false)).toBe(scaleIn[0]);
    expect(stepFor(scaleIn, -10, false)).toBe(scaleIn[1]); // metric 40: "30 < value <= 40"
    expect(stepFor(scaleIn, -19.99, false)).toBe(scaleIn[1]);
    expect(stepFor(scaleIn, -20, false)).toBe(scaleIn[2]); // metric 30: "-infinity < value <= 30"
    expect(stepFor(scaleIn, -1e9, false)).toBe(scaleIn[2]);
    expect(stepFor(scaleIn, 0.01, false)).toBeUndefined();
  });
});
