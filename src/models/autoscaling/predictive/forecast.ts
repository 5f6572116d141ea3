/**
 * The load forecast behind predictive scaling (aws-semantics.md section 4).
 *
 * What AWS says: predictive scaling "uses machine learning" on the load metric's history in
 * CloudWatch to find daily and weekly patterns; it needs at least 24 hours of history, looks at
 * up to the last 14 days (forecasts are best with two full weeks) and forecasts the next 48 hours,
 * hour by hour. AWS does not publish the model, so fleetsim's forecaster is its own.
 *
 * What fleetsim does: a recency-weighted seasonal profile, rescaled to the latest day's level.
 * - The season is a week (168 h) once there are 7 days of history, else a day (24 h). Each future
 *   hour is forecast from the observations a whole number of seasons before it (the same hour of
 *   the week, or of the day), averaged with linear recency weights: with m such observations the
 *   newest counts m times and the oldest once.
 * - That profile is then multiplied by the latest 24 hours' load divided by the profile's value
 *   for those same hours, so a change of level (growth, a launch) carries into the forecast
 *   while the daily and weekly shape comes from all the history.
 *
 * Why: web traffic is dominated by the hour of the day and the day of the week, and a forecaster
 * must work from 24 hours of data. A seasonal profile uses every hour of the little history there
 * is, needs no fitting, is exact for a signal that repeats exactly (the level factor is then 1),
 * and is deterministic and O(history) per forecast. Holt-Winters was the alternative; with
 * fixed smoothing parameters it behaves much like this profile but needs a warm-up period to
 * initialise its seasonal terms, which two weeks of hourly data can barely afford for a weekly
 * season, and fitted parameters would cost an optimisation per 6-hour refresh. Weaknesses: a
 * week with fewer than 7 days of history forecasts weekends like weekdays, and the level factor
 * follows a single unusual day (a holiday lowers the next two days' forecast).
 */

/** Hourly values forecast (aws-semantics.md section 4: the next 48 hours). */
const FORECAST_HOURS = 48;
/** History needed before the first forecast (section 4: at least 24 hours). */
const MIN_HISTORY_HOURS = 24;
/** History looked at (section 4: up to 14 days); older hours are ignored. */
export const MAX_HISTORY_HOURS = 14 * 24;

const DAY_HOURS = 24;
const WEEK_HOURS = 7 * 24;

export interface ForecastOptions {
  /** Hours to forecast; default FORECAST_HOURS (48), as AWS does. */
  readonly horizonHours?: number;
}

/**
 * Forecasts the load of the hours that follow `history`, the observed load per hour (oldest
 * first, the last element the most recent complete hour). Returns null with less than 24 hours
 * of history, as AWS makes no forecast then.
 */
export function forecastHourlyLoad(history: Float64Array, options: ForecastOptions = {}): Float64Array | null {
  const horizon = options.horizonHours ?? FORECAST_HOURS;
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new RangeError(`horizonHours must be a whole number of at least 1, got ${horizon}`);
  }
  const used = history.subarray(Math.max(0, history.length - MAX_HISTORY_HOURS));
  used.forEach((load, i) => {
    if (!(load >= 0 && load < Infinity)) {
      throw new RangeError(`hourly load must be finite and not negative, got ${load} at hour ${history.length - used.length + i}`);
    }
  });
  if (used.length < MIN_HISTORY_HOURS) return null;

  const season = used.length >= WEEK_HOURS ? WEEK_HOURS : DAY_HOURS;
  let recent = 0;
  let profiled = 0;
  for (let hour = used.length - DAY_HOURS; hour < used.length; hour++) {
    recent += used[hour];
    profiled += seasonalProfile(used, hour, season);
  }
  const level = profiled > 0 ? recent / profiled : 1;

  const forecast = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) forecast[h] = level * seasonalProfile(used, used.length + h, season);
  return forecast;
}

/**
 * Recency-weighted mean of the observed hours a whole number of seasons away from `hour` (an
 * index into `used`, or past its end for a future hour). Every hour from `used.length - season`
 * on has at least one such observation.
 */
function seasonalProfile(used: Float64Array, hour: number, season: number): number {
  const newest = used.length - 1 - ((used.length - 1 - hour) % season + season) % season;
  const count = Math.floor(newest / season) + 1;
  let weighted = 0;
  for (let k = 0; k < count; k++) weighted += (count - k) * used[newest - k * season];
  return weighted / ((count * (count + 1)) / 2);
}
