import { describe, expect, it } from 'vitest';
import { MetricSeries } from '../../../src/models/cloudwatch/metric-series.ts';
import { pointAt } from './series-fixture.ts';

describe('MetricSeries', () => {
  it('reads the last N whole periods oldest first, a period without a datapoint as missing, not zero', () => {
    const s = new MetricSeries(60, 5);
    s.append(pointAt(0, 10));
    s.append(pointAt(120, 30)); // period 1 (60..120) has no datapoint
    s.append(pointAt(180, 40));
    expect(s.lastPeriods(4, 240).map((d) => d?.sum)).toEqual([10, undefined, 30, 40]);
  });

  it('counts only periods that have ended by `now`, and periods before t = 0 as missing', () => {
    const s = new MetricSeries(60, 3);
    s.append(pointAt(0, 10));
    s.append(pointAt(60, 20));
    // At 119 s the second period (60..120) is still open.
    expect(s.lastPeriods(3, 119).map((d) => d?.sum)).toEqual([undefined, undefined, 10]);
    expect(s.lastPeriods(3, 120).map((d) => d?.sum)).toEqual([undefined, 10, 20]);
    // Clock drift from repeated addition still closes the period.
    expect(s.lastPeriods(1, 120 - 1e-9).map((d) => d?.sum)).toEqual([20]);
  });

  it('keeps only `capacity` periods, and a slot left from a wrapped-around period reads as missing', () => {
    const s = new MetricSeries(60, 3);
    s.append(pointAt(0, 1));
    s.append(pointAt(240, 5)); // periods 1-3 missing; period 3 shares period 0's slot
    expect(s.lastPeriods(3, 300).map((d) => d?.sum)).toEqual([undefined, undefined, 5]);
    expect(() => s.lastPeriods(4, 300)).toThrow(/keeps 3/);
  });

  it('periods that have not happened yet are missing', () => {
    const s = new MetricSeries(60, 3);
    s.append(pointAt(0, 1));
    expect(s.lastPeriods(3, 600).every((d) => d === undefined)).toBe(true);
  });

  it('rejects datapoints out of order, off the period grid, before t = 0 or without samples', () => {
    const s = new MetricSeries(60, 3);
    s.append(pointAt(60, 1));
    expect(() => s.append(pointAt(60, 2))).toThrow(/not after/);
    expect(() => s.append(pointAt(0, 2))).toThrow(/not after/);
    expect(() => s.append(pointAt(150, 2))).toThrow(/does not start a 60 s period/);
    expect(() => new MetricSeries(60, 3).append(pointAt(-60, 2))).toThrow(/does not start/);
    expect(() => s.append({ time: 120, sampleCount: 0, sum: 0, minimum: 0, maximum: 0 })).toThrow(/no samples/);
  });

  it('rejects a non-positive period or capacity', () => {
    expect(() => new MetricSeries(0, 3)).toThrow(RangeError);
    expect(() => new MetricSeries(60, 0)).toThrow(RangeError);
    expect(() => new MetricSeries(60, 2.5)).toThrow(RangeError);
  });
});
