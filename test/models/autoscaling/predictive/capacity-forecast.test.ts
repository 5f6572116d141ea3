import { describe, expect, it } from 'vitest';
import { capacityForecast } from '../../../../src/models/autoscaling/predictive/capacity-forecast.ts';

const capacity = (loads: number[], perInstance: number): number[] => [...capacityForecast(Float64Array.from(loads), perInstance)];

describe('capacityForecast', () => {
  it('takes the fewest instances that keep each one at or below the target', () => {
    // Total CPU % across the group, target 40 % per instance.
    expect(capacity([0, 1, 40, 41, 80, 100, 399.9], 40)).toEqual([0, 1, 1, 2, 2, 3, 10]);
    // Requests per hour, target 1000 per instance per hour.
    expect(capacity([12_000, 12_001, 500], 1000)).toEqual([12, 13, 1]);
  });

  it('does not add an instance for rounding noise when the load is exactly at target', () => {
    expect(capacity([1.1, 0.3, 0.7, 3.3], 0.1)).toEqual([11, 3, 7, 33]);
    expect(capacity([1.1000001], 0.1)).toEqual([12]);
  });

  it('rejects a load per instance that is not positive and finite', () => {
    for (const bad of [0, -5, NaN, Infinity]) expect(() => capacityForecast(new Float64Array(1), bad)).toThrow(RangeError);
  });
});
