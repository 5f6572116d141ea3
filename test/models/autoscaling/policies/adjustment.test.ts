import { describe, expect, it } from 'vitest';
import { adjustedCapacity, adjustmentDirection, describeAdjustment, roundPercentChange } from '../../../../src/models/autoscaling/policies/adjustment.ts';

describe('PercentChangeInCapacity rounding (aws-semantics.md section 3.1)', () => {
  it.each([
    [12.7, 12], // > 1: round down, AWS's example
    [1.4, 1],
    [1, 1],
    [0.5, 1], // between 0 and 1: 1
    [0.01, 1],
    [0, 0],
    [-0.01, -1], // between -1 and 0: -1
    [-0.5, -1],
    [-1, -1],
    [-1.4, -1], // below -1: toward zero
    [-6.67, -6], // AWS's example
  ])('%d instances -> %d', (change, rounded) => {
    expect(roundPercentChange(change)).toBe(rounded);
  });

  it('rounds the change, not the new capacity: 30 % of 11 is 3.3 -> 3, and -10 % of 14 is -1.4 -> -1', () => {
    const percent = { adjustmentType: 'PercentChangeInCapacity' } as const;
    expect(adjustedCapacity(11, percent, 30)).toBe(14);
    expect(adjustedCapacity(14, percent, -10)).toBe(13);
    expect(adjustedCapacity(10, percent, 10)).toBe(11);
    expect(adjustedCapacity(3, percent, -10)).toBe(2); // -0.3 -> -1
  });
});

describe('MinAdjustmentMagnitude (aws-semantics.md section 3.1)', () => {
  it('raises 25 % of 4 = 1 to 2 with a minimum of 2', () => {
    const percent = { adjustmentType: 'PercentChangeInCapacity', minAdjustmentMagnitude: 2 } as const;
    expect(adjustedCapacity(4, percent, 25)).toBe(6);
    expect(adjustedCapacity(4, percent, -25)).toBe(2);
    // Already at least the minimum: unchanged.
    expect(adjustedCapacity(20, percent, 25)).toBe(25);
  });
});

describe('ChangeInCapacity and ExactCapacity', () => {
  it('adds to current capacity, or sets it', () => {
    expect(adjustedCapacity(3, { adjustmentType: 'ChangeInCapacity' }, 5)).toBe(8);
    expect(adjustedCapacity(3, { adjustmentType: 'ChangeInCapacity' }, -2)).toBe(1);
    expect(adjustedCapacity(3, { adjustmentType: 'ExactCapacity' }, 7)).toBe(7);
  });

  it('ExactCapacity scales out or in depending on where the group is', () => {
    expect(adjustmentDirection({ adjustmentType: 'ExactCapacity' }, 7, 5)).toBe('out');
    expect(adjustmentDirection({ adjustmentType: 'ExactCapacity' }, 3, 5)).toBe('in');
    expect(adjustmentDirection({ adjustmentType: 'ExactCapacity' }, 5, 5)).toBeNull();
    expect(adjustmentDirection({ adjustmentType: 'ChangeInCapacity' }, -1, 5)).toBe('in');
    expect(adjustmentDirection({ adjustmentType: 'PercentChangeInCapacity' }, 0, 5)).toBeNull();
  });

  it('describes itself in AWS words', () => {
    expect(describeAdjustment({ adjustmentType: 'PercentChangeInCapacity' }, 10)).toBe('PercentChangeInCapacity +10');
    expect(describeAdjustment({ adjustmentType: 'ChangeInCapacity' }, -2)).toBe('ChangeInCapacity -2');
    expect(describeAdjustment({ adjustmentType: 'ExactCapacity' }, 5)).toBe('ExactCapacity 5');
  });
});
