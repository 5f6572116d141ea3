import type { ScalingDirection } from './desired-capacity.ts';

export type AdjustmentType = 'ChangeInCapacity' | 'ExactCapacity' | 'PercentChangeInCapacity';

/** How a policy reads its ScalingAdjustment; MinAdjustmentMagnitude exists only for percentages (section 3.1). */
export type AdjustmentConfig =
  | { readonly adjustmentType: 'ChangeInCapacity' | 'ExactCapacity' }
  | { readonly adjustmentType: 'PercentChangeInCapacity'; readonly minAdjustmentMagnitude?: number };

/**
 * AWS's rounding of a percentage change in instances (aws-semantics.md section 3.1): above 1 round
 * down (12.7 -> 12), between 0 and 1 -> 1, between -1 and 0 -> -1, below -1 toward zero (-6.67 -> -6).
 */
export function roundPercentChange(change: number): number {
  if (change >= 1) return Math.floor(change);
  if (change > 0) return 1;
  if (change === 0) return 0;
  if (change > -1) return -1;
  return Math.ceil(change);
}

/** The capacity `scalingAdjustment` asks for, starting from `capacity`; not yet clamped to [min, max]. */
export function adjustedCapacity(capacity: number, adjustment: AdjustmentConfig, scalingAdjustment: number): number {
  switch (adjustment.adjustmentType) {
    case 'ChangeInCapacity':
      return capacity + scalingAdjustment;
    case 'ExactCapacity':
      return scalingAdjustment;
    case 'PercentChangeInCapacity': {
      // Multiplying first keeps whole results exact (10 % of 10 is 1, not 0.9999999999999999).
      const change = roundPercentChange((capacity * scalingAdjustment) / 100);
      const minimum = adjustment.minAdjustmentMagnitude ?? 0;
      return capacity + (Math.abs(change) < minimum ? Math.sign(change) * minimum : change);
    }
  }
}

/** Which way the adjustment moves a group now at `desiredCapacity`, or null if it changes nothing. */
export function adjustmentDirection(adjustment: AdjustmentConfig, scalingAdjustment: number, desiredCapacity: number): ScalingDirection | null {
  const delta = adjustment.adjustmentType === 'ExactCapacity' ? scalingAdjustment - desiredCapacity : scalingAdjustment;
  if (delta === 0) return null;
  return delta > 0 ? 'out' : 'in';
}

/** "PercentChangeInCapacity +10", "ChangeInCapacity -2", "ExactCapacity 5". */
export function describeAdjustment(adjustment: AdjustmentConfig, scalingAdjustment: number): string {
  const signed = adjustment.adjustmentType !== 'ExactCapacity' && scalingAdjustment > 0 ? `+${scalingAdjustment}` : String(scalingAdjustment);
  return `${adjustment.adjustmentType} ${signed}`;
}
