import { formatSetting } from '../../cloudwatch/value-format.ts';

/**
 * One step of a step scaling policy. Bounds are offsets from the alarm threshold; null is
 * -infinity (lower) or +infinity (upper) (aws-semantics.md section 3.1).
 */
export interface StepAdjustment {
  readonly metricIntervalLowerBound: number | null;
  readonly metricIntervalUpperBound: number | null;
  readonly scalingAdjustment: number;
}

/** aws-semantics.md section 3.1. */
export const MAX_STEP_ADJUSTMENTS = 20;

/**
 * What breaks AWS's rules for step adjustments, empty if nothing (aws-semantics.md section 3.1 and
 * ASG-UG:as-scaling-simple-step, "Step adjustments"): no overlap and no gap between steps; at most
 * one null lower and one null upper bound, never both in one step; a negative lower bound needs a
 * step with a null lower bound and a positive upper bound one with a null upper bound; at most 20.
 * Steps are numbered from 1 in the order given.
 */
export function stepAdjustmentProblems(steps: readonly StepAdjustment[]): string[] {
  const problems: string[] = [];
  if (steps.length === 0) problems.push('a step scaling policy needs at least one step adjustment');
  if (steps.length > MAX_STEP_ADJUSTMENTS) problems.push(`${steps.length} step adjustments, at most ${MAX_STEP_ADJUSTMENTS} allowed`);
  steps.forEach((s, i) => {
    const lower = s.metricIntervalLowerBound;
    const upper = s.metricIntervalUpperBound;
    if (lower === null && upper === null) problems.push(`step ${i + 1}: lower and upper bound are both null`);
    if (lower !== null && upper !== null && !(lower < upper)) problems.push(`step ${i + 1}: lower bound ${lower} is not below upper bound ${upper}`);
    if (!Number.isInteger(s.scalingAdjustment)) problems.push(`step ${i + 1}: ScalingAdjustment ${s.scalingAdjustment} is not an integer`);
  });
  const nullLower = steps.filter((s) => s.metricIntervalLowerBound === null).length;
  const nullUpper = steps.filter((s) => s.metricIntervalUpperBound === null).length;
  if (nullLower > 1) problems.push(`${nullLower} steps have a null lower bound, at most one may`);
  if (nullUpper > 1) problems.push(`${nullUpper} steps have a null upper bound, at most one may`);
  if (nullLower === 0 && steps.some((s) => (s.metricIntervalLowerBound ?? 0) < 0)) {
    problems.push('a step has a negative lower bound, so one step needs a null lower bound');
  }
  if (nullUpper === 0 && steps.some((s) => (s.metricIntervalUpperBound ?? 0) > 0)) {
    problems.push('a step has a positive upper bound, so one step needs a null upper bound');
  }
  // Ordering is only meaningful once each step is a proper interval and the infinities are unique.
  if (problems.length > 0) return problems;
  const order = steps.map((_, i) => i).sort((a, b) => lowerOf(steps[a]) - lowerOf(steps[b]));
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1];
    const next = order[k];
    const prevUpper = upperOf(steps[prev]);
    const nextLower = lowerOf(steps[next]);
    if (prevUpper > nextLower) problems.push(`steps ${prev + 1} and ${next + 1} overlap`);
    if (prevUpper < nextLower) problems.push(`gap between step ${prev + 1} (upper bound ${prevUpper}) and step ${next + 1} (lower bound ${nextLower})`);
  }
  return problems;
}

/**
 * The step holding `difference` (aggregated metric minus threshold). Above the threshold the
 * lower bound is inclusive and the upper exclusive; below it, the reverse (section 3.1). "Above"
 * is the side the alarm breaches on, which settles a metric exactly at the threshold the way AWS's
 * example table does: 50 is in the scale-out step "50 <= value < 60" and also in the scale-in step
 * "40 < value <= 50" of policies on the same threshold 50.
 */
export function stepFor(steps: readonly StepAdjustment[], difference: number, above: boolean): StepAdjustment | undefined {
  return steps.find((s) => {
    const lower = lowerOf(s);
    const upper = upperOf(s);
    return above ? lower <= difference && difference < upper : lower < difference && difference <= upper;
  });
}

/** The step in absolute metric values, as the console shows it: "[60, 70)", "(-inf, 30]". */
export function describeStep(step: StepAdjustment, threshold: number, above: boolean): string {
  const lower = step.metricIntervalLowerBound === null ? '-inf' : formatSetting(threshold + step.metricIntervalLowerBound);
  const upper = step.metricIntervalUpperBound === null ? '+inf' : formatSetting(threshold + step.metricIntervalUpperBound);
  return above ? `[${lower}, ${upper})` : `(${lower}, ${upper}]`;
}

function lowerOf(step: StepAdjustment): number {
  return step.metricIntervalLowerBound ?? -Infinity;
}

function upperOf(step: StepAdjustment): number {
  return step.metricIntervalUpperBound ?? Infinity;
}
