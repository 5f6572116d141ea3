/**
 * When each hour of a capacity forecast takes effect (aws-semantics.md section 4): predictive
 * scaling sets capacity at the beginning of each hour, launching SchedulingBufferTime seconds
 * early (default 300, below 3600), and the forecast is refreshed every 6 hours. Times are
 * simulated seconds; hours start at whole multiples of 3600 on the simulation clock.
 */

/** Section 4: SchedulingBufferTime defaults to 300 s. */
export const DEFAULT_SCHEDULING_BUFFER_TIME = 300;

const HOUR = 3600;

export interface PredictiveSchedule {
  /** When the forecast was made. */
  readonly forecastTime: number;
  /** Start of the hour that `capacity[0]` is for: the hour under way at forecastTime. */
  readonly firstHourStart: number;
  /** Forecast capacity per hour, as capacityForecast gives it. */
  readonly capacity: Float64Array;
  readonly schedulingBufferTime: number;
}

/**
 * The schedule of a forecast made at `forecastTime` from history up to the last complete hour,
 * so its first value is for the hour under way (or starting) at `forecastTime`.
 */
export function predictiveSchedule(
  forecastTime: number,
  capacity: Float64Array,
  schedulingBufferTime = DEFAULT_SCHEDULING_BUFFER_TIME,
): PredictiveSchedule {
  if (!(schedulingBufferTime >= 0 && schedulingBufferTime < HOUR)) {
    throw new RangeError(`SchedulingBufferTime must be at least 0 and below 3600 seconds, got ${schedulingBufferTime}`);
  }
  if (!Number.isFinite(forecastTime)) throw new RangeError(`forecast time must be finite, got ${forecastTime}`);
  return { forecastTime, firstHourStart: Math.floor(forecastTime / HOUR) * HOUR, capacity, schedulingBufferTime };
}

/**
 * The forecast capacity that applies at `time`: each hour's value from SchedulingBufferTime
 * before the hour starts until that long before the next hour. Undefined before the forecast
 * was made and once it has run out.
 */
export function capacityAt(schedule: PredictiveSchedule, time: number): number | undefined {
  if (time < schedule.forecastTime) return undefined;
  return schedule.capacity[hourIndex(schedule, time)];
}

/**
 * The next time after `time` at which a value starts to apply (a scaling action is due): the
 * forecast time itself if that is still to come, else the next hour's start less the buffer;
 * Infinity if the forecast has no later hour.
 */
export function nextCapacityChange(schedule: PredictiveSchedule, time: number): number {
  if (time < schedule.forecastTime) return schedule.forecastTime;
  const next = hourIndex(schedule, time) + 1;
  if (next >= schedule.capacity.length) return Infinity;
  return schedule.firstHourStart + next * HOUR - schedule.schedulingBufferTime;
}

function hourIndex(schedule: PredictiveSchedule, time: number): number {
  return Math.floor((time + schedule.schedulingBufferTime - schedule.firstHourStart) / HOUR);
}
