import { describe, expect, it } from 'vitest';
import {
  capacityAt,
  DEFAULT_SCHEDULING_BUFFER_TIME,
  nextCapacityChange,
  predictiveSchedule,
} from '../../../../src/models/autoscaling/predictive/predictive-schedule.ts';

const HOUR = 3600;
const capacity = Float64Array.from([3, 5, 8]);

describe('predictive schedule', () => {
  it('launches each hour SchedulingBufferTime (default 300 s) before it starts', () => {
    expect(DEFAULT_SCHEDULING_BUFFER_TIME).toBe(300);
    const s = predictiveSchedule(6 * HOUR, capacity); // made at 06:00: values for 06:00, 07:00, 08:00
    expect(capacityAt(s, 6 * HOUR)).toBe(3);
    expect(capacityAt(s, 7 * HOUR - 301)).toBe(3);
    expect(capacityAt(s, 7 * HOUR - 300)).toBe(5); // 06:55
    expect(capacityAt(s, 8 * HOUR - 300)).toBe(8);
    expect(capacityAt(s, 9 * HOUR - 301)).toBe(8);
    expect(capacityAt(s, 9 * HOUR - 300)).toBeUndefined(); // the forecast has run out
    expect(capacityAt(s, 6 * HOUR - 1)).toBeUndefined(); // not made yet
  });

  it('says when the next value applies', () => {
    const s = predictiveSchedule(6 * HOUR, capacity, 600);
    expect(nextCapacityChange(s, 5 * HOUR)).toBe(6 * HOUR);
    expect(nextCapacityChange(s, 6 * HOUR)).toBe(7 * HOUR - 600);
    expect(nextCapacityChange(s, 7 * HOUR - 600)).toBe(8 * HOUR - 600);
    expect(nextCapacityChange(s, 8 * HOUR - 600)).toBe(Infinity);
  });

  it('starts from the hour under way when the forecast is made mid-hour', () => {
    const s = predictiveSchedule(6 * HOUR - 120, capacity); // 05:58: values for 05:00, 06:00, 07:00
    expect(s.firstHourStart).toBe(5 * HOUR);
    expect(capacityAt(s, 6 * HOUR - 120)).toBe(5); // 06:00's value already applies from 05:55
    expect(capacityAt(s, 7 * HOUR - 300)).toBe(8);
    expect(nextCapacityChange(s, 6 * HOUR - 120)).toBe(7 * HOUR - 300);
  });

  it('changes on the hour with no buffer', () => {
    const s = predictiveSchedule(0, capacity, 0);
    expect(capacityAt(s, HOUR - 1)).toBe(3);
    expect(capacityAt(s, HOUR)).toBe(5);
    expect(nextCapacityChange(s, 0)).toBe(HOUR);
  });

  it('rejects a SchedulingBufferTime outside 0 to 3599 seconds', () => {
    for (const bad of [-1, 3600, NaN]) {
      expect(() => predictiveSchedule(0, capacity, bad)).toThrow(/SchedulingBufferTime must be at least 0 and below 3600/);
    }
    expect(predictiveSchedule(0, capacity, 3599).schedulingBufferTime).toBe(3599);
  });
});
